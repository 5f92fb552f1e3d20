import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, lint, loc, repeatTo, ADVERSARIAL_BUDGET_MS } from './_helpers.ts';
import { assertAgency } from './_agency-helpers.ts';

const RULE = 'bypassed-permissions';

/** The range of `quoted` without its first and last character (a JSON string's quotes). */
function inner(text: string, quoted: string) {
  const l = loc(text, quoted);
  return { ...l, column: l.column + 1, endColumn: l.endColumn - 1 };
}

describe('bypassed-permissions', () => {
  it('Claude Code: bypassPermissions, catch-all Bash rules, disabled sandbox, skip flag in a hook', async () => {
    const text = `{
  "permissions": {
    "defaultMode": "bypassPermissions",
    "allow": ["Bash(npm run test:*)", "Bash(*)", "Bash", "Bash(sudo:*)", "Read(~/.zshrc)", "Bash(git status)"]
  },
  "sandbox": { "enabled": false },
  "hooks": { "Stop": [{ "hooks": [{ "type": "command", "command": "claude -p --dangerously-skip-permissions 'review'" }] }] }
}
`;
    assertAgency(RULE, await lint(RULE, text, '.claude/settings.json'), [
      { messageId: 'bypassMode', securitySeverity: 'critical', at: loc(text, 'bypassPermissions'), message: ['bypassPermissions'] },
      { messageId: 'catchAllAllow', securitySeverity: 'high', at: loc(text, 'Bash(*)'), message: ["'Bash(*)'"] },
      { messageId: 'catchAllAllow', securitySeverity: 'high', at: inner(text, '"Bash"'), message: ["'Bash'"] },
      { messageId: 'catchAllAllow', securitySeverity: 'high', at: loc(text, 'Bash(sudo:*)') },
      { messageId: 'sandboxOff', securitySeverity: 'medium', at: loc(text, 'false') },
      { messageId: 'skipFlag', securitySeverity: 'high', at: loc(text, '--dangerously-skip-permissions'), message: ['--dangerously-skip-permissions'] },
    ]);
  });

  it('Claude Code: bypassPermissions in settings.local.json is high; scoped rules are clean', async () => {
    const text = `{ "permissions": { "defaultMode": "bypassPermissions" } }\n`;
    assertAgency(RULE, await lint(RULE, text, '.claude/settings.local.json'), [
      { messageId: 'bypassMode', securitySeverity: 'high', at: loc(text, 'bypassPermissions') },
    ]);
    assertClean(await lint(RULE, `{ "permissions": { "defaultMode": "acceptEdits", "allow": ["Bash(npm test)", "Bash(git diff:*)", "WebFetch(domain:docs.python.org)"], "deny": ["Bash(*)"] } }\n`, '.claude/settings.json'));
  });

  it('VS Code: chat.tools.autoApprove, catch-all terminal rules, agent sandbox off', async () => {
    const text = `{
  // workspace settings
  "chat.tools.autoApprove": true,
  "chat.tools.terminal.autoApprove": { "/.*/": true, "npm test": true, "rm": false },
  "chat.agent.sandbox.enabled": false,
  "mcp": { "servers": {} }
}
`;
    assertAgency(RULE, await lint(RULE, text, '.vscode/settings.json'), [
      { messageId: 'vscodeAutoApprove', securitySeverity: 'critical', at: loc(text, 'true'), message: ['chat.tools.autoApprove', 'CVE-2025-53773'] },
      { messageId: 'terminalCatchAll', securitySeverity: 'critical', at: loc(text, '/.*/'), message: ["'/.*/'"] },
      { messageId: 'sandboxOff', securitySeverity: 'high', at: loc(text, 'false', 2), message: ['chat.agent.sandbox.enabled'] },
    ]);
    assertClean(await lint(RULE, `{ "chat.tools.autoApprove": false, "chat.tools.terminal.autoApprove": { "npm test": true, "/^git (status|diff)$/": true } }\n`, '.vscode/settings.json'));
  });

  it('Codex config.toml: never + danger-full-access is critical, each alone high, per profile', async () => {
    const text = `approval_policy = "never"
sandbox_mode = "danger-full-access"

[profiles.review]
approval_policy = "on-request"

[profiles.ci]
sandbox_mode = "workspace-write"
`;
    assertAgency(RULE, await lint(RULE, text, '.codex/config.toml'), [
      // The profiles inherit what they do not set: nothing new to report in them.
      { messageId: 'codexBoth', securitySeverity: 'critical', at: loc(text, 'never'), message: ['danger-full-access'] },
    ]);
    const alone = `approval_policy = 'never'\n`;
    assertAgency(RULE, await lint(RULE, alone, '.codex/config.toml'), [
      { messageId: 'codexNever', securitySeverity: 'high', at: loc(alone, 'never') },
    ]);
    const full = `model = "o3"\n[profiles.yolo]\nsandbox_mode = "danger-full-access"\n`;
    assertAgency(RULE, await lint(RULE, full, '.codex/config.toml'), [
      { messageId: 'codexFullAccess', securitySeverity: 'high', at: loc(full, 'danger-full-access'), message: ["profile 'yolo'"] },
    ]);
    assertClean(await lint(RULE, `approval_policy = "on-request"\nsandbox_mode = "workspace-write"\n`, '.codex/config.toml'));
    // A TOML comment carries directives like a YAML one.
    assertClean(await lint(RULE, `approval_policy = "never" # promptlint-disable-line bypassed-permissions -- CI sandbox VM\n`, '.codex/config.toml'));
  });

  it('skip flags in MCP commands and args; not in prose or descriptions', async () => {
    const text = `{ "mcpServers": { "agent": { "command": "gemini", "args": ["--yolo", "-p", "x"] } } }\n`;
    assertAgency(RULE, await lint(RULE, text, '.mcp.json'), [
      { messageId: 'skipFlag', securitySeverity: 'high', at: loc(text, '--yolo'), message: ["'--yolo'"] },
    ]);
    assertClean(await lint(RULE, 'Never run `claude --dangerously-skip-permissions` on your laptop.\n', 'CLAUDE.md'));
    assertClean(await lint(RULE, `{ "mcpServers": { "a": { "command": "npx", "args": ["-y", "a@1.0.0"], "description": "do not use --yolo" } } }\n`, '.mcp.json'));
    assertClean(await lint(RULE, `{ "mcpServers": { "a": { "command": "tool", "args": ["--yolo-mode-docs"] } } }\n`, '.mcp.json'));
  });

  it('stays linear on a 1 MB command string', async () => {
    const big = `{ "mcpServers": { "a": { "command": "${repeatTo('--yolox ', 1_000_000)}" } } }\n`;
    const t = performance.now();
    assertClean(await lint(RULE, big, '.mcp.json'));
    assert.ok(performance.now() - t < ADVERSARIAL_BUDGET_MS);
  });
});
