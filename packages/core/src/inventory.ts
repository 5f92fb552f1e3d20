import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { parseDocument, sniffFormat } from './formats/index.ts';
import { configForFile, configLimits, type LoadedConfig } from './config.ts';
import { lintFiles, type LintFilesOptions } from './lint.ts';
import { decodeText } from './io.ts';
import { resolveLimits, withParseLimits } from './limits.ts';
import { LineIndex } from './util/position.ts';
import { maskSecret, sanitize } from './util/mask.ts';
import { hostInList, parseUrl, type ParsedUrl } from './util/hosts.ts';
import { classifyHost, endpointUses, urlInField, type HostClass } from './rules/_endpoints.ts';
import { commandTokens, launchedPackage, type Ecosystem, type LaunchedPackage } from './rules/_launchers.ts';
import { FOLDER_OWNER, HUB_ID, HUB_KEY, HUB_SCHEME, PROMPT_KEY, lastKey } from './rules/unpinned-remote-prompt.ts';
import { get, isObject, isString, type JNode } from './formats/tree.ts';
import type {
  Category, DocumentKind, FormatId, LintMessage, PromptDocument, PromptlintSettings, SecuritySeverity, SkippedFile, ToolNode,
} from './types.ts';

/**
 * The AI inventory of a set of files: which models, endpoints, MCP servers, prompts and hub references they
 * configure, and which lint findings concern each of them. Built from the parsed document model only (nothing is
 * executed or fetched). A plain, deterministic model: everything is sorted, references are derived from the file
 * path and the position, and there is no timestamp. The CLI turns it into CycloneDX (`promptlint inventory`).
 */

export const INVENTORY_SCHEMA_VERSION = 1;

/** Where something was configured: a path relative to the working directory (with `/`), 1-based line and column. */
export interface InventoryLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** What a file is to the agent: prompts, instruction files and hub manifests are data the model reads. */
export type FileRole = 'prompt' | 'instructions' | 'hub-manifest' | 'mcp-config' | 'mcp-tools' | 'agent-config' | 'config';

export interface InventoryFile {
  /** `file:<path>` */
  readonly ref: string;
  readonly path: string;
  readonly format: FormatId;
  readonly kind: DocumentKind;
  readonly role: FileRole;
  /** SHA-256 of the file's bytes as read (BOM included), lower-case hex. */
  readonly sha256: string;
  readonly bytes: number;
  /** A LangChain hub export's own identity (`lc_hub_owner` / `lc_hub_repo` / `lc_hub_commit_hash`). */
  readonly hub?: { readonly owner: string; readonly repo: string; readonly commit?: string };
  /** Tool names a tools/list snapshot or an agent config declares. */
  readonly tools: readonly string[];
  /** Refs of the models, services, packages and hub references this file configures. */
  readonly dependsOn: readonly string[];
}

export interface InventoryModel {
  /** `model:<path>#<line>:<column>` */
  readonly ref: string;
  /** Model id as written (`gpt-4o`), when set. */
  readonly model?: string;
  /** Provider or class name as written (`ChatOpenAI`, `azure_openai`), when set. */
  readonly provider?: string;
  /** Host of the configured endpoint (no endpoint: the provider's default, not listed). */
  readonly host?: string;
  readonly trust?: HostClass;
  readonly location: InventoryLocation;
  /** Refs of the services (endpoints, proxies, routing headers) the model sends traffic to. */
  readonly dependsOn: readonly string[];
}

export type ServiceRole = 'model-endpoint' | 'model-proxy' | 'model-header' | 'server-proxy' | 'mcp-server';

export interface InventoryService {
  /** `service:<path>#<line>:<column>` */
  readonly ref: string;
  readonly role: ServiceRole;
  /** The MCP server's name, or the host of a model endpoint, proxy or header. */
  readonly name: string;
  /** The config key the URL sits under (`base_url`, `openai_api_base`, `HTTPS_PROXY`), for model services. */
  readonly key?: string;
  /** The URL with user info, query and fragment removed and any secret shape masked. */
  readonly url: string;
  readonly host: string;
  /** Under the configuration that applies to the file (trusted hosts, gateways; for MCP servers `mcpAllowedHosts` when set). */
  readonly trust: HostClass;
  /** `http`, `sse`, `streamable-http` as written, for MCP servers. */
  readonly transport?: string;
  /** The URL carried credentials (user info or query parameters) that were removed. */
  readonly credentialsRemoved: boolean;
  readonly location: InventoryLocation;
}

export interface InventoryPackage {
  /** `package:<path>#<line>:<column>` */
  readonly ref: string;
  /** The MCP server's name in the config. */
  readonly server: string;
  /** `npx`, `uvx`, `docker run`, ... */
  readonly launcher: string;
  readonly ecosystem: Ecosystem;
  /** Package or image name (without version, tag or digest). */
  readonly name: string;
  /** Version, tag or digest as written. */
  readonly version?: string;
  /** `exact` (a full version or an image digest), `tag` (`latest`), `range` (`^1`) or `none`. */
  readonly pin: LaunchedPackage['pin'];
  readonly pinned: boolean;
  readonly location: InventoryLocation;
}

/** An MCP server started by a command that is not a known package launcher (a local binary or script). */
export interface InventoryCommand {
  /** `command:<path>#<line>:<column>` */
  readonly ref: string;
  readonly server: string;
  /** The command as written (a path with spaces stays whole), each word masked when it looks like a secret. */
  readonly command: string;
  readonly location: InventoryLocation;
}

/** A LangChain hub prompt referenced from a config or a Markdown file (`hub.pull('owner/name:commit')`). */
export interface InventoryHubReference {
  /** `hub:<path>#<line>:<column>` */
  readonly ref: string;
  readonly owner: string;
  readonly repo: string;
  /** Commit hash (8 to 64 hex digits) when pinned. */
  readonly commit?: string;
  /** A tag such as `prod` or `latest` when the reference follows one. */
  readonly tag?: string;
  readonly pinned: boolean;
  readonly location: InventoryLocation;
}

export interface InventoryFinding {
  /** `finding:<path>#<line>:<column>:<ruleId>` (a counter is appended when one rule reports twice at one place). */
  readonly ref: string;
  readonly ruleId: string;
  readonly category?: Category;
  readonly severity: 'error' | 'warning';
  readonly securitySeverity?: SecuritySeverity;
  /** The message as the linter prints it (secrets masked). */
  readonly message: string;
  readonly location: InventoryLocation;
  /** The innermost component that contains the finding (model, service, package, command or hub reference), then the file. */
  readonly affects: readonly string[];
}

export interface Inventory {
  readonly schemaVersion: typeof INVENTORY_SCHEMA_VERSION;
  readonly files: readonly InventoryFile[];
  readonly models: readonly InventoryModel[];
  readonly services: readonly InventoryService[];
  readonly packages: readonly InventoryPackage[];
  readonly commands: readonly InventoryCommand[];
  readonly hubReferences: readonly InventoryHubReference[];
  readonly findings: readonly InventoryFinding[];
  readonly skipped: readonly SkippedFile[];
}

/** Options of `inventoryFiles`: those of `lintFiles` (config, ignores, limits, lock lookup), without fixes, cache or shards. */
export type InventoryOptions = Omit<LintFilesOptions, 'fix' | 'cacheLocation' | 'cacheKey' | 'shard'>;

export interface InventoryFilesResult {
  readonly inventory: Inventory;
  readonly config: LoadedConfig;
  /** Explicitly named files that an ignore pattern excluded. */
  readonly ignored: readonly string[];
  /** Inputs that matched no file. */
  readonly unmatched: readonly string[];
}

/**
 * Build the inventory of files, directories and globs. The files are linted by `lintFiles` itself (same enumeration,
 * config, rules, limits and lock lookup, so the findings are those of a normal run); each linted file is then read
 * once more as bytes, for its content hash and its document model (parsed under the same limits).
 */
export async function inventoryFiles(inputs: readonly string[], options: InventoryOptions = {}): Promise<InventoryFilesResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const lint = await lintFiles(inputs, { ...options, cwd });
  const config = lint.config;
  const limits = resolveLimits(configLimits(config), options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : undefined, options.limits);
  const parts: FileInventory[] = [];
  const skipped: SkippedFile[] = [...lint.skipped];
  for (const result of lint.results) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(result.filePath);
    } catch (e) {
      skipped.push({ filePath: result.filePath, reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      continue;
    }
    const read = decodeText(bytes);
    if (!read.ok) {
      skipped.push({ filePath: result.filePath, reason: read.reason });
      continue;
    }
    const file = { path: result.filePath, text: read.text };
    const format = result.format ?? options.format ?? sniffFormat(file.path, file.text);
    // As in the lint: a file with a line over maxLineLength is raw text (no structure), and the parsers stop at the
    // depth and alias limits.
    const document: PromptDocument = hasLongLine(file.text, limits.maxLineLength)
      ? { file, format, kind: 'generic', segments: [], nodes: [], comments: [] }
      : withParseLimits(limits, () => parseDocument(file, format)).result;
    const settings = configForFile(config, file.path, options.overrides).settings;
    parts.push(inventoryOfDocument(document, { path: relPath(cwd, file.path), bytes, messages: result.messages, settings }));
  }
  return { inventory: mergeInventories(parts, skipped.map((s) => ({ filePath: relPath(cwd, s.filePath), reason: s.reason }))), config, ignored: lint.ignored, unmatched: lint.unmatched };
}

function hasLongLine(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start - (text[end - 1] === '\r' ? 1 : 0) > max) return true;
    start = end + 1;
  }
  return false;
}

/** The parts of the inventory one file contributes. */
export interface FileInventory {
  readonly file: InventoryFile;
  readonly models: InventoryModel[];
  readonly services: InventoryService[];
  readonly packages: InventoryPackage[];
  readonly commands: InventoryCommand[];
  readonly hubReferences: InventoryHubReference[];
  readonly findings: InventoryFinding[];
}

export interface DocumentInventoryInput {
  /** The path printed in the inventory (relative, with `/`). */
  readonly path: string;
  /** The file's bytes as read (for the content hash); the document's text encoded as UTF-8 when absent. */
  readonly bytes?: Uint8Array;
  /** The file's lint messages (from `lintText` / `lintFiles` with the same config). */
  readonly messages?: readonly LintMessage[];
  readonly settings?: PromptlintSettings;
}

interface Span {
  readonly ref: string;
  readonly start: number;
  readonly end: number;
}

/** The inventory of one parsed document. */
export function inventoryOfDocument(document: PromptDocument, input: DocumentInventoryInput): FileInventory {
  const settings = input.settings ?? {};
  const text = document.file.text;
  const lines = new LineIndex(text);
  const path = input.path;
  const at = (offset: number): InventoryLocation => ({ file: path, ...lines.locate(offset) });
  const refAt = (prefix: string, offset: number): string => {
    const l = lines.locate(offset);
    return `${prefix}:${path}#${l.line}:${l.column}`;
  };
  const fileRef = `file:${path}`;
  const spans: Span[] = [];
  const models: InventoryModel[] = [];
  const services: InventoryService[] = [];
  const packages: InventoryPackage[] = [];
  const commands: InventoryCommand[] = [];
  const hubReferences: InventoryHubReference[] = [];
  const fileDeps: string[] = [];
  const tools: string[] = [];

  // Endpoints, proxies and routing headers of models (and proxies of MCP servers) are services.
  const servicesOfNode = new Map<number, string[]>();
  for (const use of endpointUses(document.nodes)) {
    const { field, url } = use.at;
    const role: ServiceRole = use.role === 'endpoint' ? 'model-endpoint' : use.role === 'proxy' ? 'model-proxy' : use.role === 'header' ? 'model-header' : 'server-proxy';
    const ref = refAt('service', field.start);
    if (services.some((s) => s.ref === ref)) continue;
    services.push({ ref, role, name: url.host, key: clip(field.key), ...cleanUrl(field.value, url), host: url.host, trust: classifyHost(url, settings), location: at(field.start) });
    spans.push({ ref, start: field.start, end: field.end });
    const owner = use.server ? use.server.start : use.model.start;
    servicesOfNode.set(owner, [...(servicesOfNode.get(owner) ?? []), ref]);
  }

  for (const node of document.nodes) {
    if (node.type === 'model') {
      const ref = refAt('model', node.start);
      const deps = servicesOfNode.get(node.start) ?? [];
      const endpoint = services.find((s) => deps.includes(s.ref) && s.role === 'model-endpoint');
      models.push({
        ref,
        ...(node.model ? { model: clip(node.model) } : {}),
        ...(node.provider ? { provider: clip(node.provider) } : {}),
        ...(endpoint ? { host: endpoint.host, trust: endpoint.trust } : {}),
        location: at(node.start),
        dependsOn: deps,
      });
      spans.push({ ref, start: node.start, end: node.end });
      fileDeps.push(ref);
    } else if (node.type === 'mcp-server') {
      const extra = servicesOfNode.get(node.start) ?? [];
      fileDeps.push(...extra);
      const remote = node.url ? urlInField(node.url) : undefined;
      if (remote) {
        const ref = refAt('service', node.start);
        services.push({
          ref, role: 'mcp-server', name: clip(node.name), ...cleanUrl(remote.field.value, remote.url), host: remote.url.host, trust: mcpTrust(remote.url, settings),
          ...(node.transport ? { transport: clip(node.transport) } : {}), location: at(node.start),
        });
        spans.push({ ref, start: node.start, end: node.end });
        fileDeps.push(ref);
        continue;
      }
      const pkg = launchedPackage(commandTokens(node));
      if (pkg) {
        const ref = refAt('package', node.start);
        packages.push({
          ref, server: clip(node.name), launcher: pkg.launcher, ecosystem: pkg.ecosystem, name: pkg.name,
          ...(pkg.version !== undefined && pkg.version !== '' ? { version: pkg.version } : {}), pin: pkg.pin, pinned: pkg.pin === 'exact', location: at(node.start),
        });
        spans.push({ ref, start: node.start, end: node.end });
        fileDeps.push(ref);
      } else if (node.command && node.command.value.trim()) {
        const ref = refAt('command', node.start);
        commands.push({ ref, server: clip(node.name), command: clip(node.command.value.trim().slice(0, 200).split(/\s+/).map(maskedWord).join(' ')), location: at(node.start) });
        spans.push({ ref, start: node.start, end: node.end });
        fileDeps.push(ref);
      }
    } else if (node.type === 'tool') {
      tools.push(clip((node as ToolNode).name));
    }
  }

  for (const h of hubReferencesOf(document)) {
    const ref = refAt('hub', h.start);
    if (hubReferences.some((x) => x.ref === ref)) continue;
    hubReferences.push({ ref, owner: h.owner, repo: h.repo, ...(h.commit ? { commit: h.commit } : {}), ...(h.tag ? { tag: h.tag } : {}), pinned: !!h.commit, location: at(h.start) });
    spans.push({ ref, start: h.start, end: h.end });
    fileDeps.push(ref);
  }

  // Each finding belongs to the smallest component that contains it, and to its file.
  const findings: InventoryFinding[] = [];
  const seen = new Map<string, number>();
  for (const m of input.messages ?? []) {
    if (!m.ruleId) continue;
    const offset = m.line > 0 ? lines.lineStart(m.line) + m.column - 1 : 0;
    let best: Span | undefined;
    for (const s of spans) if (offset >= s.start && offset < s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
    const base = `finding:${path}#${m.line}:${m.column}:${m.ruleId}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    findings.push({
      ref: n === 1 ? base : `${base}:${n}`,
      ruleId: m.ruleId,
      ...(m.category ? { category: m.category } : {}),
      severity: m.severity === 2 ? 'error' : 'warning',
      ...(m.securitySeverity ? { securitySeverity: m.securitySeverity } : {}),
      message: sanitize(m.message),
      location: { file: path, line: m.line, column: m.column },
      affects: best ? [best.ref, fileRef] : [fileRef],
    });
  }

  const bytes = input.bytes ?? Buffer.from(text, 'utf8');
  const hub = hubIdentity(document);
  const file: InventoryFile = {
    ref: fileRef,
    path,
    format: document.format,
    kind: document.kind,
    role: fileRole(document, path),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    ...(hub ? { hub } : {}),
    tools: [...new Set(tools)].sort(compare),
    dependsOn: [...new Set(fileDeps)],
  };
  return { file, models, services, packages, commands, hubReferences, findings };
}

/** Merge per-file parts into one inventory, every list sorted by its stable ref. */
export function mergeInventories(parts: readonly FileInventory[], skipped: readonly SkippedFile[] = []): Inventory {
  const byPlace = (a: { ref: string; location: InventoryLocation }, b: { ref: string; location: InventoryLocation }): number =>
    compare(a.location.file, b.location.file) || a.location.line - b.location.line || a.location.column - b.location.column || compare(a.ref, b.ref);
  const byRef = <T extends { ref: string; location: InventoryLocation }>(xs: T[]): T[] => xs.sort(byPlace);
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    files: parts.map((p) => p.file).sort((a, b) => compare(a.path, b.path)),
    models: byRef(parts.flatMap((p) => p.models)),
    services: byRef(parts.flatMap((p) => p.services)),
    packages: byRef(parts.flatMap((p) => p.packages)),
    commands: byRef(parts.flatMap((p) => p.commands)),
    hubReferences: byRef(parts.flatMap((p) => p.hubReferences)),
    findings: byRef(parts.flatMap((p) => p.findings)),
    skipped: [...skipped].sort((a, b) => compare(a.filePath, b.filePath)),
  };
}

/** Code-unit order: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function relPath(cwd: string, path: string): string {
  const r = relative(cwd, path);
  return (r === '' ? path : r).split(sep).join('/');
}

/** Config strings are copied into the inventory: long values are cut, any secret shape is masked. */
function clip(value: string): string {
  const v = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  return sanitize(v);
}

/** A single word that looks like a credential (long, mixed letters and digits, no path) is masked whole. */
function maskedWord(word: string): string {
  if (word.length >= 24 && /[a-z]/i.test(word) && /\d/.test(word) && !/[/\\.]/.test(word)) return maskSecret(word);
  return clip(word);
}

/**
 * A URL as it may be printed: scheme, host, port and path. User info, the query and the fragment are removed (they
 * carry tokens and signatures); known secret shapes left in the path are masked.
 */
function cleanUrl(value: string, url: ParsedUrl): { url: string; credentialsRemoved: boolean } {
  const scheme = url.scheme || 'https';
  const host = url.host.includes(':') ? `[${url.host}]` : url.host;
  // Long random-looking path segments (webhook and bot tokens) are masked whole.
  const path = url.pathAndQuery.split('?')[0]!.split('/').map((seg) => (seg.length >= 24 ? maskedWord(seg) : seg)).join('/');
  const query = url.pathAndQuery.includes('?') || value.includes('#');
  const printed = `${scheme}://${host}${url.port ? `:${url.port}` : ''}${path === '/' && !/:\/\/[^/]+\/$/.test(value.trim()) ? '' : path}`;
  return { url: clip(printed), credentialsRemoved: url.hasUserinfo || query };
}

/** An MCP server host: local stays local; with `mcpAllowedHosts` set, the list decides; otherwise the model-host lists. */
function mcpTrust(url: ParsedUrl, settings: PromptlintSettings): HostClass {
  if (url.isLocal) return 'local';
  if (settings.mcpAllowedHosts?.length) return hostInList(url.host, settings.mcpAllowedHosts) ? 'trusted' : 'untrusted';
  return classifyHost(url, settings);
}

const INSTRUCTION_FILE = /(?:^|\/)(?:AGENTS?\.md|CLAUDE(?:\.local)?\.md|GEMINI\.md|SKILL\.md|\.cursorrules|\.windsurfrules|\.clinerules|copilot-instructions\.md)$|\.(?:instructions|agent|chatmode)\.md$|\.mdc$|(?:^|\/)\.(?:cursor|windsurf|clinerules|github\/instructions|github\/agents|github\/chatmodes|claude\/agents|claude\/skills)\//i;

function fileRole(document: PromptDocument, path: string): FileRole {
  switch (document.kind) {
    case 'langchain':
    case 'langchain-legacy':
      return 'hub-manifest';
    case 'mcp-config':
    case 'vscode-settings':
      return 'mcp-config';
    case 'mcp-tools':
      return 'mcp-tools';
    case 'claude-settings':
    case 'crewai':
    case 'promptfoo':
    case 'autogen':
    case 'semantic-kernel':
    case 'continue':
    case 'dify':
    case 'flowise':
    case 'langflow':
    case 'n8n':
      return 'agent-config';
    case 'prompt':
    case 'github-models-prompt':
      if (document.format === 'markdown' && INSTRUCTION_FILE.test(path)) return 'instructions';
      return 'prompt';
    default:
      if (document.format === 'markdown' || document.format === 'text') return INSTRUCTION_FILE.test(path) ? 'instructions' : 'prompt';
      if (document.format === 'prompty' || document.format === 'dotprompt') return 'prompt';
      return 'config';
  }
}

/** `lc_hub_owner` / `lc_hub_repo` / `lc_hub_commit_hash` metadata, or a LangSmith commit envelope (`owner`, `repo`, `commit_hash`). */
function hubIdentity(document: PromptDocument): InventoryFile['hub'] {
  if (document.kind !== 'langchain' && document.kind !== 'langchain-legacy') return undefined;
  let found: InventoryFile['hub'];
  const visit = (n: JNode | undefined, depth: number): void => {
    if (found || !n || depth > 8) return;
    if (n.kind === 'array') {
      for (const x of n.items.slice(0, 200)) visit(x, depth + 1);
      return;
    }
    if (!isObject(n)) return;
    const owner = get(n, 'lc_hub_owner', 'owner');
    const repo = get(n, 'lc_hub_repo', 'repo');
    const commit = get(n, 'lc_hub_commit_hash', 'commit_hash');
    if (isString(owner) && isString(repo) && owner.value && repo.value) {
      found = { owner: clip(owner.value), repo: clip(repo.value), ...(isString(commit) && commit.value ? { commit: clip(commit.value) } : {}) };
      return;
    }
    for (const e of n.entries.slice(0, 500)) visit(e.value, depth + 1);
  };
  for (const t of document.tree ?? []) visit(t, 0);
  return found;
}

export interface HubRefAt {
  readonly owner: string;
  readonly repo: string;
  readonly commit?: string;
  readonly tag?: string;
  readonly start: number;
  readonly end: number;
}

const COMMIT = /^[0-9a-f]{8,64}$/i;
/** `hub.pull("owner/name:commit")`, `client.pull_prompt('owner/name')`, `pullPrompt(...)` in code blocks or prose. */
const HUB_CALL = /\b(?:hub\.pull|pull_prompt|pullPrompt)\(\s{0,20}["'`]([a-z0-9][\w-]{0,62})\/([a-z0-9][\w-]{0,99})(?::([\w.-]{1,64}))?["'`]/gi;
/** `langchain-hub://owner/name[:ref]` anywhere in text. */
const HUB_URI = /\b(?:langchain-hub|lc-hub):\/\/([a-z0-9][\w-]{0,62})\/([a-z0-9][\w-]{0,99})(?::([\w.-]{1,64}))?/gi;

function hubRef(owner: string, repo: string, ref: string | undefined, start: number, end: number): HubRefAt {
  return { owner, repo, ...(ref ? (COMMIT.test(ref) ? { commit: ref.toLowerCase() } : { tag: ref }) : {}), start, end };
}

/**
 * LangChain hub references: config values read as hub ids (the keys `unpinned-remote-prompt` reads), and
 * `hub.pull(...)` calls or `langchain-hub://` URIs in any text segment (Markdown code blocks included).
 */
export function hubReferencesOf(document: PromptDocument): HubRefAt[] {
  const out: HubRefAt[] = [];
  const raw = (seg: PromptDocument['segments'][number], i: number): number => (seg.map.offsets ? seg.map.offsets[i] ?? seg.map.base + i : seg.map.base + i);
  for (const seg of document.segments) {
    const value = seg.value;
    if (seg.path.length && value.length <= 2048 && seg.context !== 'key') {
      const lead = value.length - value.trimStart().length;
      const v = value.trim();
      const key = lastKey(seg);
      const scheme = HUB_SCHEME.exec(v);
      if (scheme || ((HUB_KEY.test(key) || (PROMPT_KEY.test(key) && !FOLDER_OWNER.test(v))) && HUB_ID.test(v))) {
        const m = HUB_ID.exec(scheme ? v.slice(scheme[0].length) : v);
        if (m) {
          const [owner, repo] = m[1]!.split('/') as [string, string];
          out.push(hubRef(owner, repo, m[2], raw(seg, lead), raw(seg, lead + v.length)));
          continue;
        }
      }
    }
    if (value.length > 4 * 1024 * 1024 || !/pull|hub:/i.test(value)) continue;
    for (const re of [HUB_CALL, HUB_URI]) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(value))) {
        const tail = m[1]!.length + 1 + m[2]!.length + (m[3] ? m[3].length + 1 : 0);
        const e = m.index + m[0].length - (re === HUB_CALL ? 1 : 0);
        const s = e - tail;
        out.push(hubRef(m[1]!, m[2]!, m[3], raw(seg, s), raw(seg, e)));
      }
    }
  }
  return out;
}

export type { HostClass } from './rules/_endpoints.ts';
