/**
 * `eslint -f <path to this file>`: SARIF 2.1.0 for GitHub code scanning, as the CLI writes it: rules with help URIs,
 * `security-severity`, relative artifact URIs against %SRCROOT%, UTF-16 columns, `partialFingerprints` and in-source
 * suppressions. Rules of other plugins appear with their own ids and metadata.
 */
import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SecuritySeverity } from '@promptlint/core';
import { shapeResult, type EslintResult, type FormatterContext, type ShapedMessage } from './_shape.ts';
import { meta } from '../meta.ts';

const SECURITY_SCORE: Record<SecuritySeverity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

function artifactUri(cwd: string, file: string): { uri: string; uriBaseId?: string } {
  const rel = relative(cwd, file).split('\\').join('/');
  if (rel && !rel.startsWith('../') && rel !== '..') return { uri: encodeURI(rel), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(file).href };
}

export default function formatSarif(results: readonly EslintResult[], context: FormatterContext = {}): string {
  const cwd = context.cwd ?? process.cwd();
  const ruleIds: string[] = [];
  const ruleIndex = new Map<string, number>();
  const counts = new Map<string, number>();
  const sarifResults: unknown[] = [];
  const add = (filePath: string, m: ShapedMessage) => {
    const loc = artifactUri(cwd, filePath);
    const ruleId = m.ruleId ?? 'promptlint/parse-error';
    if (m.ruleId && !ruleIndex.has(m.ruleId)) {
      ruleIndex.set(m.ruleId, ruleIds.length);
      ruleIds.push(m.ruleId);
    }
    const key = `${ruleId}\0${loc.uri}\0${m.message}`;
    const occurrence = (counts.get(key) ?? 0) + 1;
    counts.set(key, occurrence);
    const region: Record<string, number> = { startLine: m.line, startColumn: m.column };
    if (m.endLine !== undefined) region.endLine = m.endLine;
    if (m.endColumn !== undefined) region.endColumn = m.endColumn;
    const out: Record<string, unknown> = {
      ruleId,
      level: m.severity === 2 ? 'error' : 'warning',
      message: { text: m.message },
      locations: [{ physicalLocation: { artifactLocation: loc, region } }],
      partialFingerprints: { 'promptlint/v1': createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32) },
    };
    const idx = m.ruleId ? ruleIndex.get(m.ruleId) : undefined;
    if (idx !== undefined) out.ruleIndex = idx;
    const props: Record<string, unknown> = {};
    if (m.category) props.category = m.category;
    if (m.securitySeverity) props['security-severity'] = SECURITY_SCORE[m.securitySeverity];
    if (Object.keys(props).length) out.properties = props;
    if (m.suppressions) out.suppressions = m.suppressions.map((s) => ({ kind: 'inSource', ...(s.justification ? { justification: s.justification } : {}) }));
    sarifResults.push(out);
  };
  for (const r of results) {
    const shaped = shapeResult(r, context);
    for (const m of shaped.messages) add(r.filePath, m);
    for (const m of shaped.suppressedMessages) add(r.filePath, m);
  }
  const rules = ruleIds.map((id) => {
    const m = context.rulesMeta?.[id] ?? context.rulesMeta?.[`promptlint/${id}`];
    const docs = m?.docs ?? {};
    const rule: Record<string, unknown> = { id, shortDescription: { text: docs.description ?? id } };
    if (docs.url) rule.helpUri = docs.url;
    const props: Record<string, unknown> = { tags: docs.category ? ['security', docs.category] : [] };
    if (docs.category) props.category = docs.category;
    if (docs.securitySeverity) props['security-severity'] = SECURITY_SCORE[docs.securitySeverity];
    rule.properties = props;
    return rule;
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'eslint-plugin-promptlint', version: meta.version, semanticVersion: meta.version, informationUri: 'https://github.com/promptlint/promptlint', rules } },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
