/**
 * Keeps the rule documentation in sync with the rule metadata:
 * - every rule has docs/rules/<id>.md with the standard sections, and a row in docs/rules/README.md with its
 *   real category, default severity and preset;
 * - every page and every catalogue row names an existing rule;
 * - rule metadata invariants (kebab-case id, docs.url, messageIds with messages);
 * - the Incorrect / Correct examples of the exfiltration pages behave as the page says.
 *
 * The catalogue covers the categories in COVERED_CATEGORIES: their rules must have a page and a row. A rule of
 * another category is listed as TODO (reported, not a failure) until it has them; an existing page is always
 * checked, and a rule with a row is checked strictly. Add a category to COVERED_CATEGORIES once its rows exist.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { lintText, RULES, type Category, type Rule } from '@promptlint/core';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DOCS = join(ROOT, 'docs', 'rules');
const RULES_SRC = join(ROOT, 'packages', 'core', 'src', 'rules');
/** The ESLint plugin's JS/TS rules also have their pages here (one source file per rule). */
const JS_RULES_SRC = join(ROOT, 'packages', 'eslint-plugin', 'src', 'js');
const CATALOGUE = join(DOCS, 'README.md');

/** Categories whose rules the catalogue must already cover (strict even before a page exists). */
const COVERED_CATEGORIES: readonly Category[] = ['exfiltration'];

/** The sections of a rule page, in order. */
const REQUIRED_HEADINGS = ['## Rule details', '## Why it matters', '## Examples', '### Incorrect', '### Correct', '## Options', '## How to suppress', '## When not to use it'];

interface Row {
  readonly id: string;
  readonly link: string;
  readonly category: string;
  readonly formats: string;
  readonly severity: string;
  readonly preset: string;
}

function catalogueRows(): Row[] {
  if (!existsSync(CATALOGUE)) return [];
  const rows: Row[] = [];
  for (const line of readFileSync(CATALOGUE, 'utf8').split('\n')) {
    const m = /^\|\s*\[([^\]]+)\]\(([^)]+)\)\s*\|([^|]*)\|([^|]*)\|([^|]*)\|([^|]*)\|\s*$/.exec(line);
    if (!m) continue;
    rows.push({ id: m[1]!.replace(/`/g, '').trim(), link: m[2]!.trim(), category: m[3]!.trim(), formats: m[4]!.trim(), severity: m[5]!.trim(), preset: m[6]!.trim() });
  }
  return rows;
}

const rows = catalogueRows();
const rowById = new Map(rows.map((r) => [r.id, r]));
const pages = existsSync(DOCS) ? readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md') : [];
const ruleIds = new Set(RULES.map((r) => r.meta.id));
const jsRuleIds = new Set(existsSync(JS_RULES_SRC) ? readdirSync(JS_RULES_SRC).filter((f) => /^[a-z][\w-]*\.ts$/.test(f) && f !== 'index.ts').map((f) => f.slice(0, -3)) : []);
const documentedIds = new Set([...ruleIds, ...jsRuleIds]);

function pagePath(id: string): string {
  return join(DOCS, `${id}.md`);
}

/** Checks on a rule are strict once its category is covered or it has a catalogue row. */
function isStrict(rule: Rule<any>): boolean {
  return COVERED_CATEGORIES.includes(rule.meta.category) || rowById.has(rule.meta.id);
}

/** Check one page's structure; returns its text. */
function checkPage(id: string): string {
  const text = readFileSync(pagePath(id), 'utf8');
  const lines = text.split('\n');
  assert.equal(lines[0], `# ${id}`, 'first line is the title');
  assert.equal(lines[1], '', 'a blank line after the title');
  assert.ok(lines[2] && !lines[2].startsWith('#') && lines[2].trim().length > 10, 'a one-line summary after the title');
  let from = 0;
  for (const h of REQUIRED_HEADINGS) {
    const at = lines.findIndex((l, i) => i >= from && l.trim() === h);
    assert.ok(at >= 0, `'${h}' missing or out of order`);
    from = at + 1;
  }
  return text;
}

describe('rule catalogue (docs/rules)', () => {
  it('has a catalogue README that says a test keeps it in sync', () => {
    const readme = readFileSync(CATALOGUE, 'utf8');
    assert.match(readme, /^# /);
    assert.match(readme, /kept in\s+sync/i);
    assert.match(readme, /catalogue\.test\.ts/);
  });

  describe('every rule has a page and a catalogue row', () => {
    for (const rule of RULES) {
      const { id } = rule.meta;
      const strict = isStrict(rule);
      const hasPage = existsSync(pagePath(id));
      const pageTodo = strict || hasPage ? undefined : `no docs/rules/${id}.md yet (${rule.meta.category})`;
      const rowTodo = strict ? undefined : `no row in docs/rules/README.md yet (${rule.meta.category})`;

      it(`${id}: docs/rules/${id}.md with the standard sections`, { todo: pageTodo }, () => {
        assert.ok(existsSync(pagePath(id)), `docs/rules/${id}.md is missing`);
        const text = checkPage(id);
        // The page's own summary of category, severity and preset, when it has one, must match the code.
        const category = /^- Category: `([^`]+)`/m.exec(text)?.[1];
        const severity = /^- Default severity: `([^`]+)`/m.exec(text)?.[1];
        const preset = /^- Preset: `([^`]+)`/m.exec(text)?.[1];
        if (category !== undefined) assert.equal(category, rule.meta.category, 'Category line');
        if (severity !== undefined) assert.equal(severity, rule.meta.defaultSeverity, 'Default severity line');
        if (preset !== undefined) assert.equal(preset, rule.meta.docs.preset, 'Preset line');
        if (COVERED_CATEGORIES.includes(rule.meta.category)) {
          assert.ok(category && severity && preset, 'pages of covered categories state category, default severity and preset');
          assert.match(text, /securitySeverity/, 'pages of covered categories explain securitySeverity levels');
        }
      });

      it(`${id}: a row in docs/rules/README.md with its category, severity and preset`, { todo: rowTodo }, () => {
        const row = rowById.get(id);
        assert.ok(row, `no row for ${id} in docs/rules/README.md`);
        assert.equal(row.link, `${id}.md`);
        assert.equal(row.category, rule.meta.category);
        assert.equal(row.severity, rule.meta.defaultSeverity);
        assert.equal(row.preset, rule.meta.docs.preset);
        assert.ok(row.formats.length > 0, 'the formats column is filled in');
      });
    }
  });

  it('every page and every catalogue row names an existing rule, once', () => {
    for (const page of pages) assert.ok(documentedIds.has(page.slice(0, -3)), `docs/rules/${page} has no rule`);
    for (const row of rows) {
      assert.ok(documentedIds.has(row.id), `catalogue row ${row.id} has no rule`);
      assert.ok(existsSync(join(DOCS, row.link)), `catalogue row ${row.id} links to a missing page`);
    }
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'duplicate catalogue rows');
  });

  it('every existing page has the standard sections', () => {
    for (const page of pages) checkPage(page.slice(0, -3));
  });
});

describe('rule metadata', () => {
  it('has unique kebab-case ids', () => {
    assert.equal(ruleIds.size, RULES.length, 'duplicate rule ids');
    for (const id of ruleIds) assert.match(id, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, id);
  });

  for (const rule of RULES) {
    const { meta } = rule;
    it(`${meta.id}: docs.url, description and messages`, () => {
      assert.ok(meta.docs.url.endsWith(`docs/rules/${meta.id}.md`), meta.docs.url);
      assert.ok(meta.docs.description.length > 10);
      assert.ok(Object.keys(meta.messages).length > 0, 'at least one message');
      for (const [messageId, text] of Object.entries(meta.messages)) {
        assert.match(messageId, /^[a-z][A-Za-z0-9]*$/, `messageId ${messageId} is camelCase`);
        assert.ok(text.trim().length > 0, `message ${messageId} is empty`);
      }
      // Every messageId literal the rule's source reports must have a message.
      const src = join(RULES_SRC, `${meta.id}.ts`);
      if (existsSync(src)) {
        const code = readFileSync(src, 'utf8');
        for (const m of code.matchAll(/messageId:\s*([^,}\n]+)/g)) {
          // Literals in result positions only: `a === 'x' ? 'y' : 'z'` reports 'y' or 'z', never 'x'.
          for (const lit of m[1]!.trim().matchAll(/(?:^|[?:]\s*)'([A-Za-z][\w-]*)'/g)) {
            assert.ok(lit[1]! in meta.messages, `${meta.id} reports messageId '${lit[1]}' without a message`);
          }
        }
      }
    });
  }
});

describe('examples on the exfiltration pages', () => {
  /** A file name that makes the adapters read a snippet the way the page means it. */
  function fileFor(lang: string, body: string): { file: string; text: string } | undefined {
    if (lang === 'json' || lang === 'jsonc') {
      if (body.includes('mcpServers')) return { file: '.cursor/mcp.json', text: body };
      if (body.includes('"lc"')) return { file: 'hub/example.json', text: body };
      if (body.includes('"tools"')) return { file: 'tools-list.json', text: body };
      if (body.includes('"env"')) return { file: '.claude/settings.json', text: body };
      if (body.includes('"template"')) return { file: 'prompts/example.json', text: body };
      return { file: 'OAI_CONFIG_LIST', text: body };
    }
    if (lang === 'yaml') return body.includes('providers:') ? { file: 'promptfooconfig.yaml', text: body } : { file: 'example.prompty', text: `---\n${body}---\nuser:\n{{question}}\n` };
    if (lang === 'markdown' || lang === 'md') return { file: 'AGENTS.md', text: body };
    return undefined;
  }

  for (const rule of RULES.filter((r) => r.meta.category === 'exfiltration')) {
    const id = rule.meta.id;
    it(`${id}: Incorrect examples are reported, Correct examples are not`, async () => {
      const page = readFileSync(pagePath(id), 'utf8');
      const examples = page.slice(page.indexOf('## Examples'), page.indexOf('## Options'));
      const incorrect = examples.slice(examples.indexOf('### Incorrect'), examples.indexOf('### Correct'));
      const correct = examples.slice(examples.indexOf('### Correct'));
      let checked = 0;
      for (const [expectFindings, part] of [[true, incorrect], [false, correct]] as const) {
        for (const m of part.matchAll(/```(\w+)\n([\s\S]*?)```/g)) {
          const snippet = fileFor(m[1]!, m[2]!);
          if (!snippet) continue;
          checked++;
          const result = await lintText(snippet.text, { filePath: snippet.file, rules: [{ rule, severity: 2 }] });
          const found = result.messages.filter((x) => x.ruleId === id);
          assert.equal(result.messages.length, found.length, `no fatal errors in the ${snippet.file} example: ${result.messages.map((x) => x.message).join('; ')}`);
          if (expectFindings) assert.ok(found.length > 0, `Incorrect example (${snippet.file}) is not reported:\n${snippet.text}`);
          else assert.equal(found.length, 0, `Correct example (${snippet.file}) is reported: ${found.map((x) => x.message).join('; ')}`);
        }
      }
      assert.ok(checked >= 2, 'the page has checkable examples');
    });
  }
});
