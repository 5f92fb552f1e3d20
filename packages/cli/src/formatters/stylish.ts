import { relative } from 'node:path';
import { styleText } from 'node:util';
import type { LintResult } from '@promptlint/core';

type Style = Parameters<typeof styleText>[0];

/** ESLint's stylish layout: a block per file, `line:col  severity  message  rule-id`, then a summary. */
export function formatStylish(results: readonly LintResult[], options: { cwd: string; color: boolean }): string {
  const c = (style: Style, s: string) => (options.color ? styleText(style, s) : s);
  let out = '';
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const r of results) {
    if (!r.messages.length) continue;
    errors += r.errorCount;
    warnings += r.warningCount;
    fixableErrors += r.fixableErrorCount;
    fixableWarnings += r.fixableWarningCount;
    out += `\n${c('underline', relative(options.cwd, r.filePath) || r.filePath)}\n`;
    const rows = r.messages.map((m) => [
      `  ${m.line}:${m.column}`,
      m.severity === 2 ? c('red', 'error') : c('yellow', 'warning'),
      m.message.replace(/(?<!\s)\s+$/, ''),
      c('dim', m.ruleId ?? ''),
    ]);
    const w0 = Math.max(...rows.map((x) => visible(x[0]!).length));
    const w1 = Math.max(...rows.map((x) => visible(x[1]!).length));
    for (const [a, b, msg, id] of rows) {
      out += `${a}${' '.repeat(w0 - visible(a!).length)}  ${b}${' '.repeat(w1 - visible(b!).length)}  ${msg}  ${id}\n`;
    }
  }
  const total = errors + warnings;
  if (total > 0) {
    const summary = `\u2716 ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
    out += `\n${c(['bold', errors ? 'red' : 'yellow'], summary)}\n`;
    if (fixableErrors || fixableWarnings) {
      out += c(['bold', errors ? 'red' : 'yellow'], `  ${fixableErrors} error${fixableErrors === 1 ? '' : 's'} and ${fixableWarnings} warning${fixableWarnings === 1 ? '' : 's'} potentially fixable with the \`--fix\` option.`) + '\n';
    }
  }
  return out;
}

function visible(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, '');
}
