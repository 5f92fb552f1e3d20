/** `promptlint --init`: a starter config for the repository it runs in; never overwrites; ESLint advice. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree, removeTree, runCli } from './helpers.ts';

describe('promptlint --init', () => {
  it('writes promptlint.config.js listing the kinds of files found, extending promptlint:recommended', async () => {
    const dir = makeTree({
      'AGENTS.md': '# Agent\n\nBe brief.\n',
      '.cursor/mcp.json': '{ "mcpServers": { "a": { "command": "node", "args": ["server.js"] } } }\n',
      'prompts/ask.prompty': '---\nname: ask\n---\nuser:\n{{q}}\n',
      'package.json': '{ "name": "x" }\n',
      'node_modules/dep/AGENTS.md': '# not ours\n',
    });
    try {
      const run = await runCli(['--init'], dir);
      assert.equal(run.code, 0, run.stderr);
      const text = readFileSync(join(dir, 'promptlint.config.js'), 'utf8');
      assert.match(text, /extends: \['promptlint:recommended'\]/);
      assert.match(text, /MCP client configs: 1 file \(\.cursor\/mcp\.json\)/);
      assert.match(text, /Prompty prompt files: 1 file \(prompts\/ask\.prompty\)/);
      assert.match(text, /AGENTS\.md/);
      assert.ok(!text.includes('node_modules'), 'node_modules is never walked');
      assert.ok(!text.includes('package.json'));
      assert.match(run.stdout, /Wrote promptlint\.config\.js/);
      assert.match(run.stdout, /Found 3 files/);
      assert.ok(!run.stdout.includes('eslint-plugin-promptlint'), 'no ESLint advice without an ESLint config');
      // The written config loads and lints the repository (a clean one: exit 0).
      const lint = await runCli(['-f', 'json'], dir);
      assert.equal(lint.code, 0, lint.stderr + lint.stdout);
      assert.equal((JSON.parse(lint.stdout) as unknown[]).length, 3);
    } finally {
      removeTree(dir);
    }
  });

  it('refuses to overwrite an existing config (exit 2, file untouched)', async () => {
    for (const name of ['promptlint.config.js', 'promptlint.config.json', '.promptlintrc.json']) {
      const dir = makeTree({ [name]: name.endsWith('.js') ? 'export default [];\n' : '[]\n', 'AGENTS.md': '# a\n' });
      try {
        const run = await runCli(['--init'], dir);
        assert.equal(run.code, 2);
        assert.match(run.stderr, new RegExp(`${name.replace(/\./g, '\\.')} already exists`));
        assert.equal(run.stdout, '');
        assert.equal(readFileSync(join(dir, name), 'utf8'), name.endsWith('.js') ? 'export default [];\n' : '[]\n');
      } finally {
        removeTree(dir);
      }
    }
  });

  it('prints how to add the ESLint plugin when an ESLint flat config exists', async () => {
    for (const name of ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.ts']) {
      const dir = makeTree({ [name]: 'export default [];\n', 'CLAUDE.md': '# c\n' });
      try {
        const run = await runCli(['--init'], dir);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, new RegExp(`An ESLint config was found \\(${name.replace(/\./g, '\\.')}\\)`));
        assert.match(run.stdout, /import promptlint from 'eslint-plugin-promptlint'/);
        assert.match(run.stdout, /\.\.\.promptlint\.configs\.recommended/);
        assert.equal(readFileSync(join(dir, name), 'utf8'), 'export default [];\n', 'the ESLint config is not edited');
      } finally {
        removeTree(dir);
      }
    }
  });

  it('works in an empty repository and rejects file arguments', async () => {
    const dir = makeTree({ 'src/index.js': 'export {};\n' });
    try {
      const bad = await runCli(['--init', 'src'], dir);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--init takes no file arguments/);
      assert.ok(!existsSync(join(dir, 'promptlint.config.js')));
      const run = await runCli(['--init'], dir);
      assert.equal(run.code, 0);
      assert.match(readFileSync(join(dir, 'promptlint.config.js'), 'utf8'), /\(none yet/);
      writeFileSync(join(dir, 'AGENTS.md'), '# a\n');
      assert.equal((await runCli(['--init'], dir)).code, 2, 'a second run refuses');
    } finally {
      removeTree(dir);
    }
  });
});
