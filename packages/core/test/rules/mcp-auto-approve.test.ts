import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, lint, loc, ADVERSARIAL_BUDGET_MS } from './_helpers.ts';
import { assertAgency } from './_agency-helpers.ts';
import { toolRisk } from '../../src/rules/mcp-auto-approve.ts';

const RULE = 'mcp-auto-approve';

describe('mcp-auto-approve', () => {
  it('grades Cline / Roo auto-approve lists by what each tool can do', async () => {
    const text = `{
  "mcpServers": {
    "fs": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/work"],
      "alwaysAllow": ["read_file", "write_file", "execute_command"]
    },
    "gh": { "command": "gh-mcp", "autoApprove": ["list_issues", "git_push", "delete_branch", "label_issue"] },
    "everything": { "url": "https://mcp.example.com/mcp", "alwaysAllow": ["*"] },
    "yolo": { "command": "x-mcp", "autoApprove": true },
    "quiet": { "command": "y-mcp", "autoApprove": [], "alwaysAllow": [] }
  }
}
`;
    assertAgency(RULE, await lint(RULE, text, '.roo/mcp.json'), [
      { messageId: 'autoApprove', securitySeverity: 'low', at: loc(text, 'read_file'), message: ["MCP server 'fs'", "'read_file'", 'alwaysAllow'] },
      { messageId: 'autoApprove', securitySeverity: 'high', at: loc(text, 'write_file'), message: ['changes files'] },
      { messageId: 'autoApprove', securitySeverity: 'high', at: loc(text, 'execute_command'), message: ['runs commands'] },
      { messageId: 'autoApprove', securitySeverity: 'low', at: loc(text, 'list_issues'), message: ['autoApprove'] },
      { messageId: 'autoApprove', securitySeverity: 'high', at: loc(text, 'git_push'), message: ['sends data'] },
      { messageId: 'autoApprove', securitySeverity: 'high', at: loc(text, 'delete_branch'), message: ['deletes'] },
      { messageId: 'autoApprove', securitySeverity: 'medium', at: loc(text, 'label_issue') },
      { messageId: 'autoApproveAll', securitySeverity: 'critical', at: loc(text, '*'), message: ["MCP server 'everything'", 'every tool'] },
      { messageId: 'autoApproveAll', securitySeverity: 'critical', at: loc(text, 'true'), message: ["MCP server 'yolo'"] },
    ]);
  });

  it('reports Gemini CLI trust: true (medium when includeTools narrows it), not trust: false', async () => {
    const text = `{
  "mcpServers": {
    "db": { "command": "db-mcp", "trust": true },
    "docs": { "command": "docs-mcp", "trust": true, "includeTools": ["search_docs"] },
    "careful": { "command": "c-mcp", "trust": false }
  }
}
`;
    assertAgency(RULE, await lint(RULE, text, '.gemini/settings.json'), [
      { messageId: 'trust', securitySeverity: 'high', at: loc(text, 'true'), message: ["MCP server 'db'", 'trust: true'] },
      { messageId: 'trust', securitySeverity: 'medium', at: loc(text, 'true', 2), message: ["MCP server 'docs'", 'includeTools'] },
    ]);
  });

  it('reads auto-approve lists in YAML (Continue) and TOML (Codex)', async () => {
    const yaml = `name: x\nversion: 1.0.0\nmcpServers:\n  - name: shell\n    command: shell-mcp\n    autoApprove:\n      - run_shell\n`;
    assertAgency(RULE, await lint(RULE, yaml, '.continue/config.yaml'), [
      { messageId: 'autoApprove', securitySeverity: 'high', at: loc(yaml, 'run_shell'), message: ["MCP server 'shell'"] },
    ]);
    const toml = `[mcp_servers.shell]\ncommand = "shell-mcp"\nalwaysAllow = ["all"]\n\n[mcp_servers.other]\ncommand = "o"\nautoApprove = true\n`;
    assertAgency(RULE, await lint(RULE, toml, '.codex/config.toml'), [
      { messageId: 'autoApproveAll', securitySeverity: 'critical', at: loc(toml, 'all'), message: ["MCP server 'shell'"] },
      { messageId: 'autoApproveAll', securitySeverity: 'critical', at: loc(toml, 'true'), message: ["MCP server 'other'"] },
    ]);
  });

  it('is quiet without auto-approval, and on the same words in prose', async () => {
    assertClean(await lint(RULE, `{ "mcpServers": { "a": { "command": "npx", "args": ["-y", "a@1.0.0"], "disabled": false } } }`, '.cursor/mcp.json'));
    assertClean(await lint(RULE, 'Never set `"alwaysAllow": ["*"]` in your MCP config.\n', 'AGENTS.md'));
  });

  it('stays fast on a 1 MB auto-approve list of long names', async () => {
    const big = `{ "mcpServers": { "a": { "command": "x", "alwaysAllow": ["${'aB_'.repeat(350_000)}"] } } }\n`;
    const t = performance.now();
    const messages = await lint(RULE, big, '.roo/mcp.json');
    assert.equal(messages.length, 1);
    assert.ok(messages[0]!.message.length < 300, 'a long name is shortened in the message');
    assert.ok(performance.now() - t < ADVERSARIAL_BUDGET_MS, `${performance.now() - t} ms`);
  });

  it('grades tool names by their words', () => {
    assert.equal(toolRisk('get_workflow_run').severity, 'low');
    assert.equal(toolRisk('read_message').severity, 'low');
    assert.equal(toolRisk('search_and_replace').severity, 'high');
    assert.equal(toolRisk('runCommand').severity, 'high');
    assert.equal(toolRisk('browser_navigate').severity, 'high');
    assert.equal(toolRisk('resolve-library-id').severity, 'low');
    assert.equal(toolRisk('ALL').severity, 'critical');
  });
});
