/**
 * The real-world corpus (../shared/corpus/real-world, next to the repository; skipped when absent): no file
 * may fail to parse, each folder is recognised as the kind it was collected as, and every decoded
 * character of every segment and typed field maps back onto its raw character.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDocument, sniffFormat, type DocumentKind, type StringField } from '@promptlint/core';
import { mapProblem } from '../../../../scripts/lib/map-check.ts';
import { CORPUS_DIR, FOLDER_FORMATS, corpusFiles } from '../../../../scripts/corpus-report.ts';
import { assertAligned } from './helpers.ts';

/** The kind each folder's files must be detected as (folders of prompts and instructions are `prompt`). */
const EXPECTED_KINDS: Readonly<Record<string, readonly DocumentKind[]>> = {
  'langchain-hub': ['langchain'],
  'mcp-config': ['mcp-config', 'vscode-settings'],
  'mcp-tools': ['mcp-tools'],
  'autogen-oai-config': ['autogen'],
  'claude-settings': ['claude-settings'],
  'dify-dsl': ['dify'],
  flowise: ['flowise'],
  langflow: ['langflow'],
  n8n: ['n8n'],
  promptfoo: ['promptfoo'],
  'github-models-prompt-yml': ['github-models-prompt'],
  'semantic-kernel-yaml': ['semantic-kernel'],
  prompty: ['prompt'],
  dotprompt: ['prompt'],
};

const folders = corpusFiles();

describe('real-world corpus', { skip: folders.size === 0 ? `corpus not found at ${CORPUS_DIR}` : false }, () => {
  it('maps every folder to a format', () => {
    for (const folder of folders.keys()) assert.ok(FOLDER_FORMATS[folder], `no format for corpus folder ${folder}`);
  });

  for (const [folder, files] of folders) {
    describe(folder, () => {
      for (const f of files) {
        it(f.name, () => {
          const text = readFileSync(f.path, 'utf8').replace(/^\uFEFF/, '');
          const doc = parseDocument({ path: f.path, text }, f.format ?? sniffFormat(f.path, text));
          assert.equal(doc.parseError, undefined, `parse error: ${doc.parseError?.message}`);
          const expected = EXPECTED_KINDS[folder] ?? ['prompt'];
          assert.ok(expected.includes(doc.kind), `detected ${doc.kind}, expected ${expected.join(' or ')}`);
          assertAligned(doc);
          for (const field of typedFields(doc.nodes)) assertFieldAligned(text, field, f.name);
        });
      }
    });
  }
});

/** Every string field of the typed nodes. */
function typedFields(nodes: ReturnType<typeof parseDocument>['nodes']): StringField[] {
  const out: StringField[] = [];
  for (const n of nodes) {
    if (n.type === 'model') out.push(...n.endpoints, ...n.proxies, ...n.headers, ...n.credentials);
    else if (n.type === 'mcp-server') out.push(...(n.command ? [n.command] : []), ...n.args, ...n.env, ...(n.url ? [n.url] : []), ...n.headers);
  }
  return out;
}

function assertFieldAligned(text: string, field: StringField, file: string): void {
  const problem = mapProblem(text, field.value, field.map, `${file} ${field.path.join('.')}`);
  assert.equal(problem, undefined, problem);
}
