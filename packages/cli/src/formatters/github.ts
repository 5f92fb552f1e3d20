import { relative } from 'node:path';
import type { LintResult } from '@promptlint/core';

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding. */
export function formatGithub(results: readonly LintResult[], options: { cwd: string }): string {
  const lines: string[] = [];
  for (const r of results) {
    const file = relative(options.cwd, r.filePath).split('\\').join('/') || r.filePath;
    for (const m of r.messages) {
      const level = m.severity === 2 ? 'error' : 'warning';
      const props = [`file=${escapeProperty(file)}`, `line=${m.line}`, `col=${m.column}`];
      if (m.endLine !== undefined) props.push(`endLine=${m.endLine}`);
      if (m.endColumn !== undefined && m.endLine === m.line) props.push(`endColumn=${m.endColumn}`);
      props.push(`title=${escapeProperty(m.ruleId ? `promptlint(${m.ruleId})` : 'promptlint')}`);
      lines.push(`::${level} ${props.join(',')}::${escapeData(m.message)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
