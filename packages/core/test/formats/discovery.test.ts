/**
 * The discovery table (which files a directory walk takes, and with which adapter) and format sniffing for
 * names the table does not know.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { discover, DISCOVERY_PATTERNS, DISCOVERY_TABLE, sniffFormat, type FormatId } from '@promptlint/core';

describe('discovery table', () => {
  const taken: [string, FormatId][] = [
    ['AGENTS.md', 'markdown'],
    ['packages/api/AGENTS.md', 'markdown'],
    ['CLAUDE.md', 'markdown'],
    ['GEMINI.md', 'markdown'],
    ['.cursorrules', 'markdown'],
    ['.windsurfrules', 'markdown'],
    ['.cursor/rules/x.mdc', 'markdown'],
    ['.cursor/rules/sub/y.mdc', 'markdown'],
    ['.github/copilot-instructions.md', 'markdown'],
    ['.github/prompts/a.prompt.md', 'markdown'],
    ['.github/instructions/ts.instructions.md', 'markdown'],
    ['.github/agents/helper.agent.md', 'markdown'],
    ['.claude/skills/x/SKILL.md', 'markdown'],
    ['.claude/agents/reviewer.md', 'markdown'],
    ['.claude/commands/ship.md', 'markdown'],
    ['prompts/a.txt', 'text'],
    ['src/prompts/system.md', 'markdown'],
    ['x.prompty', 'prompty'],
    ['prompts/x.prompt', 'dotprompt'],
    ['a.prompt.yml', 'yaml'],
    ['.github/prompts/b.prompt.yaml', 'yaml'],
    ['.vscode/mcp.json', 'json'],
    ['.cursor/mcp.json', 'json'],
    ['.mcp.json', 'json'],
    ['claude_desktop_config.json', 'json'],
    ['.vscode/settings.json', 'json'],
    ['.gemini/settings.json', 'json'],
    ['OAI_CONFIG_LIST', 'json'],
    ['OAI_CONFIG_LIST_sample', 'json'],
    ['config/agents.yaml', 'yaml'],
    ['src/crew/config/tasks.yml', 'yaml'],
    ['promptfooconfig.yaml', 'yaml'],
    ['.continue/config.yaml', 'yaml'],
    ['.claude/settings.json', 'json'],
    ['.claude/settings.local.json', 'json'],
    ['pkg/github/__toolsnaps__/create_issue.snap', 'json'],
    ['hub/translator.hub.json', 'json'],
  ];
  for (const [path, format] of taken) {
    it(`takes ${path} as ${format}`, () => {
      const hit = discover(path);
      assert.ok(hit, `${path} is not discovered`);
      assert.equal(hit.format, format);
      assert.equal(sniffFormat(path, ''), format);
    });
  }

  const skipped = ['package.json', 'pnpm-lock.yaml', '.github/workflows/ci.yml', 'README.md', 'docs/README.md', 'src/index.ts', 'tsconfig.json', 'src/__snapshots__/a.test.ts.snap', '.eslintrc.json', 'docker-compose.yml'];
  for (const path of skipped) {
    it(`does not take ${path}`, () => {
      assert.equal(discover(path), undefined);
      assert.ok(!picomatch(DISCOVERY_PATTERNS as string[], { dot: true })(path), `${path} matches the walk patterns`);
    });
  }

  it('accepts Windows separators and ./ prefixes', () => {
    assert.equal(discover('.\\.cursor\\rules\\x.mdc')?.format, 'markdown');
    assert.equal(discover('./AGENTS.md')?.format, 'markdown');
  });

  it('every entry has patterns and a description', () => {
    for (const e of DISCOVERY_TABLE) {
      assert.ok(e.patterns.length > 0);
      assert.ok(e.what.length > 0);
    }
  });
});

describe('sniffFormat', () => {
  it('uses the extension for names the table does not know', () => {
    assert.equal(sniffFormat('notes/x.md', ''), 'markdown');
    assert.equal(sniffFormat('x.MDX', ''), 'markdown');
    assert.equal(sniffFormat('data/x.json', ''), 'json');
    assert.equal(sniffFormat('x.jsonc', ''), 'json');
    assert.equal(sniffFormat('workflow.yml', ''), 'yaml');
    assert.equal(sniffFormat('notes.txt', ''), 'text');
  });

  it('sniffs extension-less and unknown names by content', () => {
    assert.equal(sniffFormat('Promptfile', '{"a": 1}'), 'json');
    assert.equal(sniffFormat('servers', '\uFEFF  [1, 2]'), 'json');
    assert.equal(sniffFormat('config', '// JSONC\n/* block */\n{"mcpServers": {}}'), 'json');
    assert.equal(sniffFormat('agent.conf', 'name: x\nmodel: gpt-4\n'), 'yaml');
    assert.equal(sniffFormat('prompt', 'system:\nYou are helpful.\n'), 'markdown');
    assert.equal(sniffFormat('prompt', 'user[name="a"]: hi\n'), 'markdown');
    assert.equal(sniffFormat('RULES', '# Rules\n\nBe nice.'), 'markdown');
    assert.equal(sniffFormat('x.unknown', '---\ntitle: x\n---\nBody'), 'markdown');
    assert.equal(sniffFormat('x.unknown', ''), 'markdown');
  });

  it('a Jest snapshot is not JSON, a tool snapshot is', () => {
    assert.equal(sniffFormat('src/__snapshots__/a.test.ts.snap', '// Jest Snapshot v1\n\nexports[`a 1`] = `x`;\n'), 'markdown');
    assert.equal(sniffFormat('tools/create_issue.snap', '{\n  "name": "create_issue"\n}'), 'json');
  });
});
