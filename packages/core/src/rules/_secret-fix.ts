import type { PromptDocument, Suggestion } from '../types.ts';

/**
 * A suggestion that replaces a literal value in a YAML/JSON config with an environment reference. Only offered
 * where the literal is the whole scalar: a plain YAML scalar gets quotes so `${X}` stays a string in any context.
 * Never a fix: the variable has to exist where the config runs, so applying it blindly would change behaviour.
 */
export function envReferenceSuggestion(doc: PromptDocument, start: number, end: number, envName: string, style: 'dollar' | 'vscode' = 'dollar'): Suggestion | undefined {
  const text = doc.file.text;
  const ref = style === 'vscode' ? `\${env:${envName}}` : `\${${envName}}`;
  const before = text[start - 1];
  const after = text[end];
  const quoted = (before === '"' || before === "'") && after === before;
  if (doc.format === 'json') {
    if (!quoted || before !== '"') return undefined;
    return { desc: `Replace the literal with the environment reference ${ref}`, fix: { edits: [{ start, end, text: ref }] } };
  }
  if (doc.format === 'yaml' || doc.format === 'prompty' || doc.format === 'dotprompt' || doc.format === 'markdown') {
    if (quoted) return { desc: `Replace the literal with the environment reference ${ref}`, fix: { edits: [{ start, end, text: ref }] } };
    // A plain scalar: the whole rest of the line must be the value.
    const lineEnd = text.indexOf('\n', end);
    const rest = text.slice(end, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const head = text.slice(lineStart, start);
    if (rest.trim() !== '' && !rest.trim().startsWith('#')) return undefined;
    if (!/:\s+$|^\s*-\s+$/.test(head)) return undefined;
    return { desc: `Replace the literal with the environment reference ${ref}`, fix: { edits: [{ start, end, text: `"${ref}"` }] } };
  }
  return undefined;
}
