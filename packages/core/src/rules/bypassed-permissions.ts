import type { PromptDocument, Rule, SecuritySeverity } from '../types.ts';
import { isArray, isObject, isString, type JEntry, type JNode, type JObject } from '../formats/tree.ts';
import { docsUrl } from './_docs-url.ts';
import { rawOffset } from '../util/position.ts';
import { eachEntry, entry, hasTree, isFalse, isTrue, rangeOf, scalarText } from './_agency.ts';

/**
 * Agent settings that switch off the human check or the sandbox:
 * - Claude Code settings: `permissions.defaultMode: "bypassPermissions"`, catch-all `Bash` allow rules
 *   (`Bash`, `Bash(*)`, `Bash(:*)`, a shell or `sudo` with any arguments), `dangerouslySkipPermissions`,
 *   `sandbox.enabled: false`;
 * - VS Code settings: `chat.tools.autoApprove: true` / `chat.tools.global.autoApprove: true`, catch-all
 *   `chat.tools.terminal.autoApprove` entries, `chat.agent.sandbox.enabled: false`;
 * - Codex `config.toml` (top level and `[profiles.*]`): `approval_policy = "never"` and
 *   `sandbox_mode = "danger-full-access"` (critical together, high alone);
 * - `--dangerously-skip-permissions`, `--dangerously-bypass-approvals-and-sandbox` and `--yolo` in configured
 *   commands (`command`, `args`, hooks).
 */

const CATCH_ALL_BASH = /^Bash(?:\(\s{0,8}(?:\*{1,2}|:\*|\*:\*|(?:sudo|sh|bash|zsh|fish|dash|pwsh|powershell|cmd|eval|env|exec|xargs)(?::\*|\s\*)?)\s{0,8}\))?$/;
const SKIP_FLAG = /(?:^|\s)(--dangerously-skip-permissions|--dangerously-bypass-approvals-and-sandbox|--yolo)(?=$|\s|=)/;
const COMMAND_KEYS = new Set(['command', 'args', 'cmd', 'run', 'script', 'exec', 'entrypoint', 'commandLine', 'statusLine', 'apiKeyHelper']);
const TERMINAL_CATCH_ALL = /^(?:\*|\.\*|\/\.\*\/[a-z]*|\/\^?\.\*\$?\/[a-z]*|\/\.\+\/[a-z]*|\/\^?\.\+\$?\/[a-z]*)$/;

export const bypassedPermissions: Rule = {
  meta: {
    id: 'bypassed-permissions',
    category: 'agency',
    type: 'problem',
    docs: {
      description: 'Agent settings must not bypass permission prompts or disable the sandbox (Claude Code, VS Code, Codex, --yolo flags)',
      preset: 'recommended',
      url: docsUrl('bypassed-permissions'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      bypassMode: 'permissions.defaultMode "bypassPermissions" lets Claude Code run every tool, shell commands included, without asking.',
      catchAllAllow: "Allow rule '{{rule}}' approves any shell command in advance: an injected instruction runs whatever it likes.",
      skipPermissions: '{{key}} turns off every permission prompt.',
      sandboxOff: '{{key}} disables the agent sandbox: commands run with your full user rights.',
      vscodeAutoApprove: '{{key}}: true approves every agent tool call without asking (the setting CVE-2025-53773 switched on).',
      terminalCatchAll: "chat.tools.terminal.autoApprove entry '{{rule}}' approves every terminal command.",
      codexNever: 'approval_policy = "never": Codex never asks before running a command{{where}}.',
      codexFullAccess: 'sandbox_mode = "danger-full-access": Codex commands run without a sandbox{{where}}.',
      codexBoth: 'approval_policy = "never" with sandbox_mode = "danger-full-access": Codex runs any command, unsandboxed, without asking{{where}}.',
      skipFlag: "Command runs an agent with '{{flag}}': every permission prompt is skipped.",
    },
  },
  checkDocument(doc, context) {
    if (!hasTree(doc)) return;
    const report = (messageId: string, n: { start: number; end: number }, securitySeverity: SecuritySeverity, data: Record<string, string> = {}) =>
      context.report({ messageId, data, start: n.start, end: Math.max(n.end, n.start + 1), securitySeverity });
    const root = doc.tree![0];
    if (doc.kind === 'claude-settings') claude(root, doc, report);
    if (doc.format === 'toml' && isObject(root)) {
      codex(root, '', report);
      const profiles = entry(root, 'profiles')?.value;
      if (isObject(profiles)) for (const p of profiles.entries) if (isObject(p.value)) codex(p.value, ` (profile '${p.key}')`, report, root);
    }
    eachEntry(doc, (e) => {
      const v = e.value;
      if (!v) return;
      if (e.key === 'dangerouslySkipPermissions' || e.key === 'dangerously_skip_permissions') {
        if (isTrue(v)) report('skipPermissions', rangeOf(v), 'critical', { key: e.key });
      } else if (e.key === 'chat.tools.autoApprove' || e.key === 'chat.tools.global.autoApprove') {
        if (isTrue(v)) report('vscodeAutoApprove', rangeOf(v), 'critical', { key: e.key });
      } else if (e.key === 'chat.agent.sandbox.enabled' || e.key === 'chat.tools.terminal.sandbox.enabled') {
        if (isFalse(v)) report('sandboxOff', rangeOf(v), 'high', { key: e.key });
      } else if (e.key === 'chat.tools.terminal.autoApprove' && isObject(v)) {
        for (const r of v.entries) {
          const approved = r.value && (isTrue(r.value) || (isObject(r.value) && isTrue(entry(r.value, 'approve')?.value)));
          if (approved && TERMINAL_CATCH_ALL.test(r.key.trim())) report('terminalCatchAll', { start: r.keyStart, end: r.keyEnd }, 'critical', { rule: r.key });
        }
      }
      if (COMMAND_KEYS.has(e.key)) {
        const strings = isString(v) ? [v] : isArray(v) ? v.items.filter(isString) : [];
        for (const s of strings) {
          const m = SKIP_FLAG.exec(s.value.slice(0, 10_000));
          if (m) {
            const at = m.index + m[0].length - m[1]!.length;
            report('skipFlag', flagRange(s, at, m[1]!.length), 'high', { flag: m[1]! });
          }
        }
      }
    });
  },
};

type Report = (messageId: string, n: { start: number; end: number }, sev: SecuritySeverity, data?: Record<string, string>) => void;

function flagRange(s: JNode, at: number, length: number): { start: number; end: number } {
  const map = (s.kind !== 'object' && s.kind !== 'array' && s.map) || { base: s.start };
  return { start: rawOffset(map, at), end: rawOffset(map, at + length) };
}

function claude(root: JNode | undefined, doc: PromptDocument, report: Report): void {
  const perms = entry(root, 'permissions')?.value;
  const mode = entry(perms, 'defaultMode')?.value;
  if (mode && scalarText(mode) === 'bypasspermissions') {
    // Shared project settings are committed for everyone; settings.local.json is one person's machine.
    const local = /settings\.local\.json$/i.test(doc.file.path);
    report('bypassMode', rangeOf(mode), local ? 'high' : 'critical');
  }
  const allow = entry(perms, 'allow')?.value;
  if (isArray(allow)) {
    for (const item of allow.items) {
      if (isString(item) && CATCH_ALL_BASH.test(item.value.trim())) report('catchAllAllow', rangeOf(item), 'high', { rule: item.value.trim() });
    }
  }
  const sandbox = entry(root, 'sandbox')?.value;
  const enabled = entry(sandbox, 'enabled')?.value;
  if (enabled && isFalse(enabled)) report('sandboxOff', rangeOf(enabled), 'medium', { key: 'sandbox.enabled: false' });
}

function codex(table: JObject, where: string, report: Report, root?: JNode): void {
  const policy = entry(table, 'approval_policy');
  const mode = entry(table, 'sandbox_mode');
  // A profile inherits the top-level value it does not set.
  const policyValue = policy?.value ?? (root ? entry(root, 'approval_policy')?.value : undefined);
  const modeValue = mode?.value ?? (root ? entry(root, 'sandbox_mode')?.value : undefined);
  const never = scalarText(policyValue) === 'never';
  const full = scalarText(modeValue) === 'danger-full-access';
  const own = (e: JEntry | undefined) => !!e?.value;
  if (never && full && (own(policy) || own(mode))) {
    const at = own(policy) ? policy!.value! : mode!.value!;
    report('codexBoth', rangeOf(at), 'critical', { where });
    return;
  }
  if (never && own(policy)) report('codexNever', rangeOf(policy!.value!), 'high', { where });
  if (full && own(mode)) report('codexFullAccess', rangeOf(mode!.value!), 'high', { where });
}
