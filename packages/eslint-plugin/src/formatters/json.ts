/**
 * `eslint -f <path to this file>` (or `-f promptlint` through an `eslint-formatter-promptlint` package that
 * re-exports it): promptlint's JSON result shape, without the `source` that ESLint's built-in `json` formatter
 * copies from each file (and with it any secret the file holds).
 */
import { shapeResult, type EslintResult, type FormatterContext } from './_shape.ts';

export default function formatJson(results: readonly EslintResult[], context: FormatterContext = {}): string {
  return JSON.stringify(results.map((r) => shapeResult(r, context)));
}
