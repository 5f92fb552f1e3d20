import { createHash } from 'node:crypto';
// Subpath imports: the models, enums, spec and JSON serializer only (no validators, no XML).
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import { docsUrl, type Inventory, type InventoryLocation, type SecuritySeverity } from '@promptlint/core';
import { purlOf } from './purl.ts';

export interface CycloneDxOptions {
  /** The promptlint version (metadata.tools). */
  readonly version: string;
  /** Name of the root component (the folder the inventory was taken in). */
  readonly rootName: string;
  /** Add `metadata.timestamp` (off by default: two runs over the same files give the same bytes). */
  readonly timestamp?: Date;
  /** Add a `serialNumber` derived from the BOM's own content (an RFC 4122 version-5-style UUID from SHA-256). */
  readonly serialNumber?: boolean;
}

const PROP = 'promptlint:';

function props(entries: readonly (readonly [string, string | number | boolean | undefined])[]): Models.PropertyRepository {
  const repo = new Models.PropertyRepository();
  for (const [k, v] of entries) if (v !== undefined && v !== '') repo.add(new Models.Property(`${PROP}${k}`, String(v)));
  return repo;
}

function evidence(l: InventoryLocation): [string, string] {
  return ['evidence', `${l.file}:${l.line}:${l.column}`];
}

const SEVERITY: Record<SecuritySeverity, Enums.Vulnerability.Severity> = {
  critical: Enums.Vulnerability.Severity.Critical,
  high: Enums.Vulnerability.Severity.High,
  medium: Enums.Vulnerability.Severity.Medium,
  low: Enums.Vulnerability.Severity.Low,
};

/**
 * The inventory as a CycloneDX 1.6 JSON BOM, built and serialized with @cyclonedx/cyclonedx-library (JSON serializer
 * only). Mapping (docs/inventory.md): files → `data` (prompts, instructions, hub manifests) or `file` components with
 * a SHA-256 hash; models → `machine-learning-model`; MCP launchers → `application` / `container` components with
 * purls; hub references → `data`; endpoints and remote MCP servers → services; findings → vulnerabilities whose
 * `affects` name the component and the file; `dependencies`: root → files → models/services/packages → services.
 */
export function toCycloneDx(inventory: Inventory, options: CycloneDxOptions): string {
  const refs = new Map<string, Models.BomRef>();
  const root = new Models.Component(Enums.ComponentType.Application, options.rootName, { bomRef: 'root' });
  const bom = new Models.Bom({
    metadata: new Models.Metadata({
      component: root,
      ...(options.timestamp ? { timestamp: options.timestamp } : {}),
      tools: new Models.Tools({
        components: new Models.ComponentRepository([
          new Models.Component(Enums.ComponentType.Application, 'promptlint', { version: options.version, bomRef: 'tool:promptlint' }),
        ]),
      }),
    }),
  });
  const components = new Map<string, Models.Component>();
  const services = new Map<string, Models.Service>();
  const addComponent = (c: Models.Component): void => {
    bom.components.add(c);
    components.set(c.bomRef.value!, c);
    refs.set(c.bomRef.value!, c.bomRef);
  };

  for (const f of inventory.files) {
    const dataLike = f.role === 'prompt' || f.role === 'instructions' || f.role === 'hub-manifest';
    const hashes = new Models.HashDictionary();
    hashes.set(Enums.HashAlgorithm['SHA-256'], f.sha256);
    addComponent(new Models.Component(dataLike ? Enums.ComponentType.Data : Enums.ComponentType.File, f.path, {
      bomRef: f.ref,
      hashes,
      properties: props([
        ['role', f.role], ['format', f.format], ['kind', f.kind], ['bytes', f.bytes],
        ['hub-owner', f.hub?.owner], ['hub-repo', f.hub?.repo], ['hub-commit', f.hub?.commit],
        ...f.tools.map((t) => ['tool', t] as const),
      ]),
    }));
  }
  for (const m of inventory.models) {
    addComponent(new Models.Component(Enums.ComponentType.MachineLearningModel, m.model ?? m.provider ?? 'model', {
      bomRef: m.ref,
      properties: props([['provider', m.provider], ['model', m.model], ['endpoint-host', m.host], ['trust', m.trust], evidence(m.location)]),
    }));
  }
  for (const p of inventory.packages) {
    addComponent(new Models.Component(p.ecosystem === 'docker' ? Enums.ComponentType.Container : Enums.ComponentType.Application, p.name, {
      bomRef: p.ref,
      ...(p.pinned && p.version ? { version: p.version } : {}),
      purl: purlOf(p),
      properties: props([
        ['mcp-server', p.server], ['launcher', p.launcher], ['ecosystem', p.ecosystem], ['version-spec', p.version], ['pin', p.pin], ['pinned', p.pinned], evidence(p.location),
      ]),
    }));
  }
  for (const c of inventory.commands) {
    addComponent(new Models.Component(Enums.ComponentType.Application, c.command, {
      bomRef: c.ref,
      properties: props([['mcp-server', c.server], ['launcher', 'none'], ['pinned', 'unknown'], evidence(c.location)]),
    }));
  }
  for (const h of inventory.hubReferences) {
    addComponent(new Models.Component(Enums.ComponentType.Data, `${h.owner}/${h.repo}`, {
      bomRef: h.ref,
      group: h.owner,
      ...(h.commit ? { version: h.commit } : {}),
      properties: props([['role', 'hub-reference'], ['hub-owner', h.owner], ['hub-repo', h.repo], ['hub-commit', h.commit], ['hub-tag', h.tag], ['pinned', h.pinned], evidence(h.location)]),
    }));
  }
  for (const s of inventory.services) {
    const svc = new Models.Service(s.name, {
      bomRef: s.ref,
      properties: props([
        ['role', s.role], ['key', s.key], ['url', s.url], ['host', s.host], ['trust', s.trust], ['transport', s.transport], ['credentials-removed', s.credentialsRemoved || undefined], evidence(s.location),
      ]),
    });
    bom.services.add(svc);
    services.set(s.ref, svc);
    refs.set(s.ref, svc.bomRef);
  }

  // The dependency graph answers "which files reach which hosts": root → files → models/services/packages → services.
  const link = (from: Models.Component | Models.Service | undefined, to: readonly string[]): void => {
    if (!from) return;
    for (const r of to) {
      const ref = refs.get(r);
      if (ref) from.dependencies.add(ref);
    }
  };
  link(root, inventory.files.map((f) => f.ref));
  for (const f of inventory.files) link(components.get(f.ref), f.dependsOn);
  for (const m of inventory.models) link(components.get(m.ref), m.dependsOn);

  for (const f of inventory.findings) {
    const affects = new Models.Vulnerability.AffectRepository();
    for (const r of f.affects) {
      const ref = refs.get(r);
      if (ref) affects.add(new Models.Vulnerability.Affect(ref));
    }
    const ratings = new Models.Vulnerability.RatingRepository();
    if (f.securitySeverity) {
      ratings.add(new Models.Vulnerability.Rating({ severity: SEVERITY[f.securitySeverity], method: Enums.Vulnerability.RatingMethod.Other, source: new Models.Vulnerability.Source({ name: 'promptlint' }) }));
    }
    bom.vulnerabilities.add(new Models.Vulnerability.Vulnerability({
      bomRef: f.ref,
      id: f.ruleId,
      source: new Models.Vulnerability.Source({ name: 'promptlint', url: docsUrl(f.ruleId) }),
      description: f.message,
      ratings,
      affects,
      properties: props([['category', f.category], ['severity', f.severity], evidence(f.location)]),
    }));
  }

  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  let json = serializer.serialize(bom, { sortLists: true, space: 2 });
  if (options.serialNumber) {
    bom.serialNumber = derivedSerial(json);
    json = serializer.serialize(bom, { sortLists: true, space: 2 });
  }
  return json;
}

/** `urn:uuid:` from the SHA-256 of the BOM without serial number: the same content always gets the same serial. */
function derivedSerial(content: string): string {
  const h = createHash('sha256').update(content).digest('hex');
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
