import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectFindings, lint, lintCorpusFile, loc, realWorldFiles, CORPUS_DIR, type Want } from './_supply-chain-helpers.ts';
import { ADVISORIES, inRange, parseVersion, compareVersions } from '../../src/rules/_advisories.ts';

const RULE = 'vulnerable-mcp-server';
const want = (messageId: string, at: Want['at'], securitySeverity: Want['securitySeverity'], message: string[] = []): Want => ({ messageId, at, securitySeverity, message });

describe('vulnerable-mcp-server', () => {
  it('reports mcp-remote versions in CVE-2025-6514 range, and unpinned mcp-remote', async () => {
    const text = `{
  "mcpServers": {
    "old": { "command": "npx", "args": ["-y", "mcp-remote@0.1.15", "https://mcp.example.com/sse"] },
    "first": { "command": "npx", "args": ["mcp-remote@0.0.5", "https://mcp.example.com/sse"] },
    "floating": { "command": "npx", "args": ["-y", "mcp-remote", "https://mcp.example.com/sse"] },
    "latest": { "command": "npx", "args": ["-y", "mcp-remote@latest", "https://mcp.example.com/sse"] },
    "inspector": { "command": "npx", "args": ["@modelcontextprotocol/inspector@0.14.0"] },
    "fixed": { "command": "npx", "args": ["-y", "mcp-remote@0.1.16", "https://mcp.example.com/sse"] },
    "before": { "command": "npx", "args": ["-y", "mcp-remote@0.0.4", "https://mcp.example.com/sse"] },
    "newer": { "command": "npx", "args": ["-y", "mcp-remote@0.1.29", "https://mcp.example.com/sse"] },
    "inspector-ok": { "command": "npx", "args": ["@modelcontextprotocol/inspector@0.16.2"] },
    "other": { "command": "npx", "args": ["-y", "mcp-remote-client@0.1.0"] },
    "env": { "command": "npx", "args": ["-y", "mcp-remote@\${MCP_REMOTE_VERSION}", "https://mcp.example.com/sse"] }
  }
}
`;
    expectFindings(RULE, await lint(RULE, text, '.cursor/mcp.json'), [
      want('vulnerable', loc(text, 'mcp-remote@0.1.15'), 'critical', ["MCP server 'old'", 'mcp-remote@0.1.15', 'CVE-2025-6514', 'CVSS 9.6', 'Upgrade to 0.1.16']),
      want('vulnerable', loc(text, 'mcp-remote@0.0.5'), 'critical', ['CVE-2025-6514']),
      want('unknownVersion', loc(text, 'mcp-remote', 3), 'medium', ["MCP server 'floating'", '>=0.0.5 <0.1.16', 'CVE-2025-6514']),
      want('unknownVersion', loc(text, 'mcp-remote@latest'), 'medium', ["MCP server 'latest'"]),
      want('vulnerable', loc(text, '@modelcontextprotocol/inspector@0.14.0'), 'critical', ['CVE-2025-49596', 'CVSS 9.4', '0.14.1']),
      want('unknownVersion', loc(text, 'mcp-remote@${MCP_REMOTE_VERSION}'), 'medium', ["MCP server 'env'"]),
    ]);
  });

  it('reads the command line from command alone and from YAML', async () => {
    const text = `mcpServers:
  - name: bridge
    command: npx -y mcp-remote@0.1.0 https://mcp.example.com/sse
`;
    expectFindings(RULE, await lint(RULE, text, '.continue/mcpServers/bridge.yaml'), [
      want('vulnerable', loc(text, 'mcp-remote@0.1.0'), 'critical', ["MCP server 'bridge'"]),
    ]);
  });

  it('compares versions without a dependency', () => {
    assert.ok(inRange('0.1.15', '>=0.0.5 <0.1.16'));
    assert.ok(inRange('0.0.5', '>=0.0.5 <0.1.16'));
    assert.ok(!inRange('0.1.16', '>=0.0.5 <0.1.16'));
    assert.ok(!inRange('0.0.4', '>=0.0.5 <0.1.16'));
    assert.ok(inRange('0.1.16-beta.1', '<0.1.16'), 'a pre-release sorts before its release');
    assert.ok(inRange('v0.10.0', '>=0.9.9 <0.10.1'), 'numeric, not lexical');
    assert.ok(!inRange('latest', '<1.0.0'));
    assert.equal(compareVersions(parseVersion('1.2.3')!, parseVersion('1.2.3+build')!), 0);
    for (const a of ADVISORIES) {
      assert.ok(/^CVE-\d{4}-\d{4,}$/.test(a.id), a.id);
      assert.ok(inRange(a.fixed, a.range) === false, `${a.name}: fixed version ${a.fixed} must be outside ${a.range}`);
    }
  });

  describe('real-world corpus', { skip: realWorldFiles().length === 0 ? `corpus not found at ${CORPUS_DIR}` : false }, () => {
    it('finds nothing', async () => {
      const found: string[] = [];
      for (const f of realWorldFiles()) for (const m of await lintCorpusFile(RULE, f)) found.push(`${f.name}:${m.line}: ${m.message}`);
      assert.deepEqual(found, []);
    });
  });
});
