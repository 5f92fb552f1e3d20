import type { PromptDocument, ReportDescriptor, Rule, SecuritySeverity } from '../types.ts';
import { pinState, serverLabel, type FileLock, type PinState, type PinnedServer, type Range } from '../lock.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * Content that changed since it was pinned in the nearest `promptlint.lock` (written by `promptlint pin`):
 * a tool description or input schema of an MCP `tools/list` snapshot (a "rug pull"), a LangChain hub manifest,
 * an MCP server's package version or image digest, a remote prompt reference's commit, a file whose pinned
 * kind changed. A server, tool, remote prompt or file added since pinning is reported at a lower severity.
 * Without a lock the rule does nothing; a lock that cannot be read gives one message per file.
 *
 * securitySeverity: `high` (tool description or schema, server instructions, manifest, kind, package swapped), `medium`
 * (tool annotations, version or digest moved, tool added, remote prompt commit moved, server command or URL changed,
 * unreadable lock),
 * `low` (server, remote prompt or file added since pinning; tool removed).
 */
export const pinnedContentDrift: Rule = {
  meta: {
    id: 'pinned-content-drift',
    category: 'supply-chain',
    type: 'problem',
    docs: {
      description: 'Tool descriptions, hub manifests, MCP server versions and remote prompt commits must match promptlint.lock',
      preset: 'recommended',
      url: docsUrl('pinned-content-drift'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      toolDescription: "Tool '{{tool}}' has a different description than the one pinned in {{lock}}: a server can rewrite what the model reads after you approved it (a rug pull). Review the new text, then accept it with 'promptlint pin --update'.",
      toolSchema: "Tool '{{tool}}' has a different input schema than the one pinned in {{lock}}: new or changed parameters and their descriptions reach the model. Review it, then accept it with 'promptlint pin --update'.",
      toolAnnotations: "Tool '{{tool}}' has different annotations (readOnlyHint, destructiveHint...) than the ones pinned in {{lock}}: a client may approve it differently now. Review them, then accept them with 'promptlint pin --update'.",
      instructions: "The server instructions of this listing differ from the ones pinned in {{lock}}: they reach the model like a system prompt. Review them, then accept them with 'promptlint pin --update'.",
      toolAdded: "Tool '{{tool}}' is not in {{lock}}: it was added after the listing was pinned. Review it, then accept it with 'promptlint pin --update'.",
      toolRemoved: "Tool '{{tool}}', pinned in {{lock}}, is no longer in this listing. Accept the change with 'promptlint pin --update'.",
      manifest: "This hub manifest changed since it was pinned in {{lock}} (pinned {{pinned}}, now {{current}}): review the prompt, then accept it with 'promptlint pin --update'.",
      serverVersion: "MCP server '{{name}}' now runs {{current}}, but {{lock}} pins {{pinned}}: review the release, then accept it with 'promptlint pin --update'.",
      serverPackage: "MCP server '{{name}}' now runs {{current}} instead of the pinned {{pinned}} ({{lock}}): review the new package, then accept it with 'promptlint pin --update'.",
      serverChanged: "MCP server '{{name}}' changed its {{what}} since it was pinned in {{lock}}: review it, then accept it with 'promptlint pin --update'.",
      serverAdded: "MCP server '{{name}}' is not in {{lock}}: it was added after the lock was written. Review it, then pin it with 'promptlint pin --update'.",
      remoteMoved: "Remote prompt '{{ref}}' now names '{{current}}', but {{lock}} pins '{{pinned}}': review the prompt at the new commit, then accept it with 'promptlint pin --update'.",
      remoteAdded: "Remote prompt '{{ref}}' is not in {{lock}}: review it, then pin it with 'promptlint pin --update'.",
      kindChanged: "{{lock}} pins this file as {{pinned}}, but it now reads as {{current}}: review the file, then accept it with 'promptlint pin --update'.",
      unpinnedFile: "This file ({{what}}) is not in {{lock}}: what it pulls in is not pinned. Review it, then pin it with 'promptlint pin --update'.",
      corruptLock: "The lock file {{lock}} {{reason}}: drift is not checked for this file. Fix it, or re-create it after review with 'promptlint pin --update'.",
    },
  },
  checkDocument(doc, context) {
    const lock = context.lock;
    if (!lock) return;
    const report = (messageId: string, at: Range, data: Record<string, string>, securitySeverity?: SecuritySeverity) => {
      const shown: Record<string, string> = { lock: clip(lock.display) };
      for (const [k, v] of Object.entries(data)) shown[k] = clip(v);
      const d: ReportDescriptor = { messageId, data: shown, start: at.start, end: at.end, ...(securitySeverity ? { securitySeverity } : {}) };
      context.report(d);
    };
    if (lock.error !== undefined) {
      report('corruptLock', firstLine(doc), { reason: lock.error }, 'medium');
      return;
    }
    if (doc.parseError) return; // the engine reports the file as unparsable already
    const state = pinState(doc);
    checkDrift(doc, lock, state, report);
  },
};

type Report = (messageId: string, at: Range, data: Record<string, string>, securitySeverity?: SecuritySeverity) => void;

const STRONG_KINDS = new Set(['hub-manifest', 'mcp-tools']);

function checkDrift(doc: PromptDocument, lock: FileLock, state: PinState | undefined, report: Report): void {
  const entry = lock.entry;
  if (!entry) {
    if (state) report('unpinnedFile', firstLine(doc), { what: describe(state.kind) }, 'low');
    return;
  }
  const currentKind = state?.kind;
  if (currentKind !== entry.kind && (STRONG_KINDS.has(entry.kind) || (currentKind !== undefined && STRONG_KINDS.has(currentKind)))) {
    report('kindChanged', firstLine(doc), { pinned: describe(entry.kind), current: currentKind ? describe(currentKind) : 'nothing that can be pinned' });
    return;
  }
  if (!state) return;

  if (entry.manifest !== undefined && state.manifest && entry.manifest !== state.manifest.hash) {
    report('manifest', state.manifest.at, { pinned: short(entry.manifest), current: short(state.manifest.hash) });
  }

  if (entry.tools && state.tools) {
    for (const [name, t] of state.tools) {
      const pinned = own(entry.tools, name);
      if (!pinned) {
        report('toolAdded', t.at, { tool: name }, 'medium');
        continue;
      }
      if (pinned.description !== t.pin.description) report('toolDescription', t.descriptionAt, { tool: name });
      if (pinned.inputSchema !== t.pin.inputSchema) report('toolSchema', t.schemaAt, { tool: name });
      if ((pinned.annotations ?? null) !== (t.pin.annotations ?? null)) report('toolAnnotations', t.annotationsAt, { tool: name }, 'medium');
    }
    if ((entry.instructions ?? null) !== (state.instructions?.hash ?? null)) report('instructions', state.instructions?.at ?? firstLine(doc), {});
    for (const name of Object.keys(entry.tools).sort()) {
      if (!state.tools.has(name)) report('toolRemoved', state.toolsAt ?? firstLine(doc), { tool: name }, 'low');
    }
  }

  if (state.servers) {
    const pinnedServers = entry.servers ?? {};
    for (const [name, s] of state.servers) {
      const pinned = own(pinnedServers, name);
      if (!pinned) {
        report('serverAdded', s.at, { name }, 'low');
        continue;
      }
      checkServer(name, pinned, s.pin, s.at, report);
    }
  }

  if (state.remotePrompts) {
    const pinned = entry.remotePrompts ?? [];
    for (const r of state.remotePrompts) {
      if (pinned.some((p) => p.ref === r.ref && (p.commit ?? null) === r.commit)) continue;
      const same = pinned.filter((p) => p.ref === r.ref);
      if (same.length) report('remoteMoved', r.at, { ref: r.ref, current: r.commit ?? 'no commit', pinned: same.map((p) => p.commit ?? 'no commit').join("', '") }, 'medium');
      else report('remoteAdded', r.at, { ref: r.ref }, 'low');
    }
  }
}

function checkServer(name: string, pinned: PinnedServer, current: PinnedServer, at: Range, report: Report): void {
  if (pinned.package !== undefined && current.package !== undefined) {
    if (pinned.package !== current.package || pinned.ecosystem !== current.ecosystem) {
      report('serverPackage', at, { name, pinned: `'${serverLabel(pinned)}'`, current: `'${serverLabel(current)}'` });
    } else if ((pinned.version ?? null) !== (current.version ?? null)) {
      report('serverVersion', at, { name, pinned: versionLabel(pinned), current: versionLabel(current) }, 'medium');
    }
    return;
  }
  if (pinned.package !== undefined || current.package !== undefined) {
    report('serverPackage', at, { name, pinned: `'${serverLabel(pinned)}'`, current: `'${serverLabel(current)}'` });
    return;
  }
  if (pinned.url !== current.url || pinned.command !== current.command) {
    const what = current.url !== undefined && pinned.url !== undefined ? 'URL' : current.command !== undefined && pinned.command !== undefined ? 'command line' : 'transport';
    report('serverChanged', at, { name, what }, 'medium');
  }
}

function versionLabel(s: PinnedServer): string {
  return s.version ? `'${serverLabel(s)}'` : `'${s.package}' with no version`;
}

function describe(kind: string): string {
  switch (kind) {
    case 'hub-manifest':
      return 'a hub manifest';
    case 'mcp-tools':
      return 'an MCP tool listing';
    case 'mcp-servers':
      return 'an MCP server configuration';
    default:
      return 'remote prompt references';
  }
}

/** Names, references and versions come from the file: long ones are shortened in messages. */
function clip(v: string): string {
  return v.length > 120 ? `${v.slice(0, 80)}…${v.slice(-20)}` : v;
}

function short(hash: string): string {
  return hash.replace(/^sha256:/, '').slice(0, 12);
}

function own<T>(o: Readonly<Record<string, T>>, k: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

/** The first line of the file (at least one character when the file has any). */
function firstLine(doc: PromptDocument): Range {
  const text = doc.file.text;
  const nl = text.search(/\r|\n/);
  const end = nl < 0 ? text.length : nl;
  return { start: 0, end: Math.max(0, end) };
}
