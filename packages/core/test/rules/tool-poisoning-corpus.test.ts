/**
 * Measurement on the shared corpus (../shared/corpus, outside the repository): every Cisco MCP scanner attack
 * fixture (label injection or exfil) must be flagged with an error when it is the description of a tool in an
 * MCP tools/list document; every benign row (their real-world false positives included) and every MCP reference
 * server description must stay clean; the real tool listings and SKILL.md files must raise nothing from the
 * tool-poisoning family. Skips when the corpus is not there.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lintText } from '@promptlint/core';

const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
const present = existsSync(`${CORPUS}labelled/cisco_mcp_yara_fixtures.jsonl`);
const FAMILY = new Set(['tool-poisoning', 'tool-shadowing', 'template-code-execution', 'serialized-object-injection', 'system-template-variable']);

interface Row {
  readonly text: string;
  readonly label: string;
  readonly subcategory?: string;
}

function rows(file: string): Row[] {
  return readFileSync(`${CORPUS}labelled/${file}`, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
}

/** The row as the description of one tool in a tools/list document, linted with the default (recommended) config. */
async function lintAsTool(text: string) {
  const doc = JSON.stringify({ tools: [{ name: 'probe', description: text, inputSchema: { type: 'object', properties: {} } }] }, null, 2);
  return lintText(doc, { filePath: 'x.tools-list.json' });
}

describe('tool poisoning on the shared corpus', { skip: present ? false : 'shared corpus not present' }, () => {
  it('flags every Cisco attack fixture with an error and keeps every benign fixture clean', async (t) => {
    let attacks = 0;
    let caught = 0;
    let caughtByFamily = 0;
    let benign = 0;
    const misses: string[] = [];
    const falsePositives: string[] = [];
    for (const row of rows('cisco_mcp_yara_fixtures.jsonl')) {
      const r = await lintAsTool(row.text);
      if (row.label === 'benign') {
        benign++;
        const errors = r.messages.filter((m) => m.severity === 2 || FAMILY.has(m.ruleId ?? ''));
        if (errors.length) falsePositives.push(`${row.subcategory}: ${errors.map((m) => `${m.ruleId}/${m.messageId}`).join(', ')}`);
        continue;
      }
      attacks++;
      if (r.errorCount > 0) caught++;
      else misses.push(row.subcategory ?? row.text.slice(0, 40));
      if (r.messages.some((m) => m.severity === 2 && FAMILY.has(m.ruleId ?? ''))) caughtByFamily++;
    }
    t.diagnostic(`cisco fixtures: ${caught}/${attacks} attacks flagged (${caughtByFamily} by the tool-poisoning family), ${falsePositives.length}/${benign} benign flagged`);
    assert.deepEqual(misses, []);
    assert.deepEqual(falsePositives, []);
    assert.equal(caughtByFamily, attacks);
  });

  it('raises nothing on the MCP reference servers\' tool descriptions', async (t) => {
    const flagged: string[] = [];
    const all = rows('mcp_reference_servers_tool_descriptions.jsonl');
    for (const row of all) {
      const r = await lintAsTool(row.text);
      if (r.messages.length) flagged.push(`${row.text.slice(0, 50)}: ${r.messages.map((m) => `${m.ruleId}/${m.messageId}`).join(', ')}`);
    }
    t.diagnostic(`reference servers: ${flagged.length}/${all.length} flagged`);
    assert.deepEqual(flagged, []);
  });

  it('raises nothing from the family on real tool listings and SKILL.md files', async (t) => {
    const flagged: string[] = [];
    let files = 0;
    for (const dir of ['mcp-tools', 'skill-md']) {
      const base = `${CORPUS}real-world/${dir}/`;
      if (!existsSync(base)) continue;
      // The MANIFEST `notes` column marks deliberately bad files; they may carry findings.
      const manifest = readFileSync(`${base}MANIFEST.tsv`, 'utf8').split('\n').slice(1).map((l) => l.split('\t'));
      const bad = new Set(manifest.filter((c) => /not benign|intentionally bad/i.test(c[c.length - 1] ?? '')).map((c) => c[0]));
      for (const name of readdirSync(base)) {
        if (name === 'MANIFEST.tsv' || bad.has(name)) continue;
        files++;
        const r = await lintText(readFileSync(base + name, 'utf8'), { filePath: base + name });
        for (const m of r.messages) if (FAMILY.has(m.ruleId ?? '')) flagged.push(`${dir}/${name}:${m.line}:${m.column} ${m.ruleId}/${m.messageId}`);
      }
    }
    t.diagnostic(`real-world mcp-tools + skill-md: ${files} files, ${flagged.length} findings from the family`);
    assert.deepEqual(flagged, []);
  });
});
