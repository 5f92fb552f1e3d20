/**
 * Documentation check for eslint-plugin-promptlint: each JS/TS rule has a doc page whose headings and facts match
 * its `meta`, and the README, docs/eslint.md and the rule catalogue list every rule with the same category and
 * default severity; presets follow `meta.docs.preset`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docsUrl, RULES } from '@promptlint/core';
import { configs, rules } from 'eslint-plugin-promptlint';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const coreIds = new Set(RULES.map((r) => r.meta.id));
const codeRules = Object.entries(rules).filter(([id]) => !coreIds.has(id));

interface CodeDocs {
  description: string;
  category: string;
  preset: 'recommended' | 'strict' | 'all';
  defaultSeverity: 'error' | 'warn';
  securitySeverity: string;
}

const REQUIRED = ['## Rule details', '## Why it matters', '## Examples', '### Incorrect', '### Correct', '## Options', '## How to suppress', '## When not to use it'];

/** The row of a Markdown table that links `id`, split into cells. */
function row(markdown: string, id: string): string[] | undefined {
  const line = markdown.split('\n').find((l) => l.startsWith('|') && (l.includes(`[\`${id}\`](`) || l.includes(`[${id}](`)));
  return line?.split('|').slice(1, -1).map((c) => c.trim());
}

describe('JS/TS rule docs match meta', () => {
  it('there are JS/TS rules', () => assert.ok(codeRules.length >= 8));
  for (const [id, rule] of codeRules) {
    it(id, () => {
      const docs = rule.meta.docs as unknown as CodeDocs & { url: string };
      assert.equal(docs.url, docsUrl(id));
      const path = `docs/rules/${id}.md`;
      assert.ok(existsSync(join(root, path)), `${path} exists`);
      const text = read(path);
      const lines = text.split('\n');
      assert.equal(lines[0], `# ${id}`);
      assert.ok(lines[1] === '' && lines[2] && !lines[2].startsWith('#'), 'a one-line summary under the title');
      let at = -1;
      for (const h of REQUIRED) {
        const i = lines.indexOf(h);
        assert.ok(i > at, `${h} present and in order`);
        at = i;
      }
      assert.ok(text.includes(`- Category: \`${docs.category}\``), 'category');
      assert.ok(text.includes(`- Default severity: \`${docs.defaultSeverity}\``), 'default severity');
      assert.ok(text.includes(`- Preset: \`${docs.preset}\``), 'preset');
      assert.ok(text.includes(`securitySeverity: \`${docs.securitySeverity}\``) || text.includes(`- securitySeverity:`), 'securitySeverity levels');
      assert.ok(text.includes(`promptlint/${id}`), 'suppression example names the rule');
      // Every option of the schema is documented under ## Options.
      const options = text.slice(text.indexOf('## Options'), text.indexOf('## How to suppress'));
      const schema = (rule.meta.schema as { properties?: Record<string, unknown> }[] | undefined)?.[0];
      for (const name of Object.keys(schema?.properties ?? {})) assert.ok(options.includes(`\`${name}\``), `option ${name} documented`);
      if (!schema) assert.match(options, /None\./);
    });
  }
});

describe('rule lists stay in sync', () => {
  const readme = read('README.md');
  const eslintDoc = read('docs/eslint.md');
  for (const [id, rule] of codeRules) {
    const docs = rule.meta.docs as unknown as CodeDocs;
    it(`${id} is listed in README.md and docs/eslint.md`, () => {
      for (const [name, md] of [['README.md', readme], ['docs/eslint.md', eslintDoc]] as const) {
        const cells = row(md, id);
        assert.ok(cells, `${name} lists ${id}`);
        assert.equal(cells[1], docs.category, `${name}: category of ${id}`);
        assert.equal(cells[2], docs.defaultSeverity, `${name}: default severity of ${id}`);
      }
    });
  }

  it('the rule catalogue (docs/rules/README.md) lists every JS/TS rule', (t) => {
    if (!existsSync(join(root, 'docs/rules/README.md'))) return t.skip('no catalogue yet');
    const catalogue = read('docs/rules/README.md');
    for (const [id, rule] of codeRules) {
      const docs = rule.meta.docs as unknown as CodeDocs;
      const cells = row(catalogue, id);
      assert.ok(cells, `catalogue lists ${id}`);
      assert.ok(cells.includes(docs.category), `catalogue: category of ${id}`);
      assert.ok(cells.includes(docs.preset), `catalogue: preset of ${id}`);
    }
  });

  it('presets follow meta.docs.preset and defaultSeverity', () => {
    const rank = { recommended: 0, strict: 1, all: 2 } as const;
    for (const preset of ['recommended', 'strict', 'all'] as const) {
      const enabled: Record<string, unknown> = Object.assign({}, ...configs[preset].map((c) => c.rules ?? {}));
      for (const [id, rule] of Object.entries(rules)) {
        const core = RULES.find((r) => r.meta.id === id);
        const p = core ? core.meta.docs.preset : (rule.meta.docs as unknown as CodeDocs).preset;
        const sev = core ? core.meta.defaultSeverity : (rule.meta.docs as unknown as CodeDocs).defaultSeverity;
        const setting = enabled[`promptlint/${id}`];
        if (rank[p] <= rank[preset]) assert.equal(Array.isArray(setting) ? setting[0] : setting, sev, `${preset}: ${id}`);
        else assert.equal(setting, undefined, `${preset} leaves ${id} off`);
      }
    }
  });
});
