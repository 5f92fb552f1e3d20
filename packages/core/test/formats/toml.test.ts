/**
 * TOML adapter (Codex `config.toml`): discovery, exact raw ranges for keys and values, MCP servers as
 * typed nodes, comments for directives, parse errors as documents (never a throw), linear scan.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintTextSync, ruleById, sniffFormat, type McpServerNode } from '@promptlint/core';
import { parseToml } from '../../src/formats/toml.ts';
import { parse } from './helpers.ts';

const CODEX = [
  '# Codex CLI',
  'model = "o3"',
  'approval_policy = "on-request"',
  '',
  '[mcp_servers.docs]',
  'command = "npx"',
  'args = ["-y", "docs-mcp@1.2.3"] # pinned',
  'env = { TOKEN = "a\\u00e9b" }',
  '',
  "[mcp_servers.'quoted name']",
  'url = """',
  'https://mcp.example.com/sse"""',
  'alwaysAllow = [',
  '  "read_file",',
  "  'list_dir',",
  ']',
  'started = 1979-05-27 07:32:00Z',
  '',
].join('\n');

describe('toml adapter', () => {
  it('discovers Codex configs', () => {
    assert.equal(sniffFormat('.codex/config.toml', ''), 'toml');
    assert.equal(sniffFormat('home/me/.codex/config.toml', ''), 'toml');
    assert.equal(sniffFormat('codex/config.toml', ''), 'toml');
    assert.equal(sniffFormat('pyproject.toml', 'a = 1'), 'toml');
  });

  it('gives keys and values exact raw ranges', () => {
    const r = parseToml(CODEX);
    assert.equal(r.error, undefined);
    const root = r.root!;
    assert.equal(root.kind, 'object');
    const entries = root.kind === 'object' ? root.entries : [];
    const model = entries.find((e) => e.key === 'model')!;
    assert.equal(CODEX.slice(model.keyStart, model.keyEnd), 'model');
    assert.equal(CODEX.slice(model.value!.start, model.value!.end), 'o3');
    const servers = entries.find((e) => e.key === 'mcp_servers')!.value!;
    assert.equal(servers.kind, 'object');
    const quoted = servers.kind === 'object' ? servers.entries[1]! : undefined;
    assert.equal(quoted?.key, 'quoted name');
    assert.equal(CODEX.slice(quoted!.keyStart, quoted!.keyEnd), 'quoted name');
    const started = quoted!.value!.kind === 'object' ? quoted!.value!.entries.find((e) => e.key === 'started')!.value! : undefined;
    assert.equal(started?.kind, 'string');
    assert.equal(CODEX.slice(started!.start, started!.end), '1979-05-27 07:32:00Z');
    assert.deepEqual(r.comments.map((c) => c.value), [' Codex CLI', ' pinned']);
    const typed = parseToml('n = 250\nb = false\nf = 1.5\nh = 0xff\n').root!;
    assert.deepEqual(typed.kind === 'object' && typed.entries.map((e) => [e.value!.kind, (e.value as { value: unknown }).value]), [['number', 250], ['boolean', false], ['number', 1.5], ['number', 255]]);
  });

  it('turns [mcp_servers.<name>] tables into MCP server nodes with positions', () => {
    const doc = parse(CODEX, '.codex/config.toml', 'toml');
    assert.equal(doc.format, 'toml');
    assert.equal(doc.kind, 'mcp-config');
    const servers = doc.nodes.filter((n): n is McpServerNode => n.type === 'mcp-server');
    assert.deepEqual(servers.map((s) => s.name), ['docs', 'quoted name']);
    const [docs, quoted] = servers as [McpServerNode, McpServerNode];
    assert.equal(CODEX.slice(docs.command!.start, docs.command!.end), 'npx');
    assert.deepEqual(docs.args.map((a) => CODEX.slice(a.start, a.end)), ['-y', 'docs-mcp@1.2.3']);
    assert.equal(docs.env[0]!.value, 'a\u00e9b');
    assert.equal(CODEX.slice(docs.env[0]!.start, docs.env[0]!.end), 'a\\u00e9b');
    assert.equal(quoted.url!.value, 'https://mcp.example.com/sse');
    assert.equal(CODEX.slice(quoted.url!.start, quoted.url!.end), 'https://mcp.example.com/sse');
    assert.deepEqual(quoted.autoApprove.map((a) => [a.value, CODEX.slice(a.start, a.end)]), [['read_file', 'read_file'], ['list_dir', 'list_dir']]);
    assert.ok(doc.tree && doc.tree.length === 1);
  });

  it('reports a finding at the line and column of a TOML value', () => {
    const text = '[mcp_servers.x]\ncommand = "npx"\nenv = { OPENAI_API_KEY = "sk-proj-Q7vLm2Xp9RtK4wZs8NbY3cHd6FgJ1aEuTr5oWq0iPlMn" }\n';
    const r = lintTextSync(text, { filePath: '.codex/config.toml', rules: [{ rule: ruleById('mcp-literal-credential')!, severity: 2 }] });
    assert.equal(r.messages.length, 1, JSON.stringify(r.messages));
    assert.equal(r.messages[0]!.line, 3);
    assert.equal(r.messages[0]!.column, text.split('\n')[2]!.indexOf('sk-proj') + 1);
  });

  it('an invalid file gives a parseError and a raw segment, never a throw', () => {
    for (const text of ['a = [1,', 'a = "x', '[a\nb = 1', 'a = 1\na = 2', '= 3', '[[x]]\n[x]\n']) {
      const doc = parse(text, 'config.toml', 'toml');
      assert.ok(doc.parseError, text);
      assert.match(doc.parseError!.message, /^TOML: /);
      assert.equal(doc.segments[0]!.context, 'raw');
    }
    const doc = parse('ok = true\nbad = [1,\n', 'config.toml', 'toml');
    // On the second line, not at the start of the file.
    assert.ok(doc.parseError!.offset >= 'ok = true\n'.length, String(doc.parseError!.offset));
  });

  it('reads a 1 MB file in linear time', () => {
    const big = 'k = "' + 'a\\"'.repeat(300_000) + '"\n' + 'x = [' + '1,'.repeat(100_000) + ']\n';
    const t = performance.now();
    const doc = parse(big, 'config.toml', 'toml');
    assert.equal(doc.parseError, undefined);
    assert.ok(performance.now() - t < 1500, `took ${performance.now() - t} ms`);
  });
});
