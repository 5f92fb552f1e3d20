import type { Inventory, InventoryLocation } from '@promptlint/core';
import { purlOf } from './purl.ts';

/**
 * `--format json`: the core inventory model as it is (docs/schema/inventory-v1.schema.json), with the tool that wrote
 * it and each launcher's package URL. Stable key order and sorted lists, so two runs give the same bytes.
 */
export function toInventoryJson(inventory: Inventory, version: string): string {
  const doc = {
    schemaVersion: inventory.schemaVersion,
    tool: { name: 'promptlint', version },
    files: inventory.files,
    models: inventory.models,
    services: inventory.services,
    packages: inventory.packages.map((p) => {
      const purl = purlOf(p);
      return purl ? { ...p, purl } : p;
    }),
    commands: inventory.commands,
    hubReferences: inventory.hubReferences,
    findings: inventory.findings,
    skipped: inventory.skipped,
  };
  return JSON.stringify(doc, null, 2);
}

const where = (l: InventoryLocation): string => `${l.file}:${l.line}`;

/** A plain text table per kind of component, then the files that reach untrusted hosts. */
export function toInventoryTable(inventory: Inventory): string {
  const out: string[] = [];
  const findingsOf = new Map<string, number>();
  for (const f of inventory.findings) for (const r of f.affects) findingsOf.set(r, (findingsOf.get(r) ?? 0) + 1);
  const count = (ref: string): string => String(findingsOf.get(ref) ?? 0);

  const section = (title: string, header: readonly string[], rows: readonly (readonly string[])[]): void => {
    if (!rows.length) return;
    const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
    const line = (cells: readonly string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
    out.push(`${title} (${rows.length})`, `  ${line(header)}`, ...rows.map((r) => `  ${line(r)}`), '');
  };

  // A model's findings include those on its endpoint, proxy and header services.
  const modelCount = (m: Inventory['models'][number]): string => String([m.ref, ...m.dependsOn].reduce((n, r) => n + (findingsOf.get(r) ?? 0), 0));
  section('Models', ['LOCATION', 'PROVIDER', 'MODEL', 'HOST', 'TRUST', 'FINDINGS'],
    inventory.models.map((m) => [where(m.location), m.provider ?? '-', m.model ?? '-', m.host ?? '(provider default)', m.trust ?? '-', modelCount(m)]));
  section('Services', ['LOCATION', 'ROLE', 'NAME', 'URL', 'TRUST', 'FINDINGS'],
    inventory.services.map((s) => [where(s.location), s.role, s.key ?? s.name, s.url, s.trust, count(s.ref)]));
  section('MCP server packages', ['LOCATION', 'SERVER', 'PACKAGE', 'PINNED', 'FINDINGS'],
    inventory.packages.map((p) => [where(p.location), p.server, purlOf(p) ?? `${p.ecosystem}:${p.name}`, p.pinned ? 'yes' : `no (${p.pin === 'none' ? 'no version' : `${p.pin} ${p.version ?? ''}`.trim()})`, count(p.ref)]));
  section('MCP server commands', ['LOCATION', 'SERVER', 'COMMAND', 'FINDINGS'],
    inventory.commands.map((c) => [where(c.location), c.server, c.command, count(c.ref)]));
  section('Hub references', ['LOCATION', 'PROMPT', 'COMMIT', 'PINNED', 'FINDINGS'],
    inventory.hubReferences.map((h) => [where(h.location), `${h.owner}/${h.repo}`, h.commit ?? h.tag ?? '-', h.pinned ? 'yes' : 'no', count(h.ref)]));
  section('Files', ['PATH', 'ROLE', 'SHA-256', 'FINDINGS'],
    inventory.files.map((f) => [f.path, f.hub ? `${f.role} ${f.hub.owner}/${f.hub.repo}${f.hub.commit ? `:${f.hub.commit}` : ''}` : f.role, f.sha256.slice(0, 16), count(f.ref)]));

  // Which files reach an untrusted host: through a model's endpoint or a remote MCP server.
  const untrusted = new Map(inventory.services.filter((s) => s.trust === 'untrusted').map((s) => [s.ref, s]));
  const modelServices = new Map(inventory.models.map((m) => [m.ref, m.dependsOn]));
  const reach: string[] = [];
  for (const f of inventory.files) {
    const hosts = new Set<string>();
    for (const d of f.dependsOn) for (const s of [d, ...(modelServices.get(d) ?? [])]) if (untrusted.has(s)) hosts.add(untrusted.get(s)!.host);
    if (hosts.size) reach.push(`  ${f.path} → ${[...hosts].sort().join(', ')}`);
  }
  if (reach.length) out.push(`Files that reach untrusted hosts (${reach.length})`, ...reach, '');

  const errors = inventory.findings.filter((f) => f.severity === 'error').length;
  out.push(
    `${inventory.files.length} files, ${inventory.models.length} models, ${inventory.services.length} services, ${inventory.packages.length + inventory.commands.length} MCP server launchers, ${inventory.hubReferences.length} hub references; ${inventory.findings.length} findings (${errors} errors, ${inventory.findings.length - errors} warnings)`,
  );
  if (inventory.skipped.length) out.push(`${inventory.skipped.length} files skipped: ${inventory.skipped.map((s) => `${s.filePath} (${s.reason})`).join(', ')}`);
  return `${out.join('\n')}\n`;
}
