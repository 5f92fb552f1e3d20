/**
 * The lock file (`promptlint.lock`): what a repository pulls in, pinned by content hash or exact version, so
 * that a silent change is reported when linting (the `pinned-content-drift` rule).
 *
 * Per lintable file, keyed by its path relative to the lock's folder (`/` separators):
 * - a LangChain hub manifest: the SHA-256 of a canonical form of its parse tree (object keys sorted, no
 *   whitespace), so re-indenting or reordering keys is not drift but any change of a value is;
 * - an MCP `tools/list` snapshot: per tool, the SHA-256 of its description and of its canonical input schema;
 *   the set of tool names is pinned too (an added or removed tool is drift);
 * - MCP servers: per server, the package ecosystem, name and exact version or image digest a launcher fetches
 *   (`npx pkg@1.2.3`, `docker run image@sha256:…`); a server without a launcher is pinned by a hash of its URL
 *   or command line;
 * - remote prompt references (LangChain hub ids, prompt URLs): the reference and the commit it names.
 *
 * Only hashes and identifiers are stored, never prompt text or values (a manifest may hold a secret). The
 * output is deterministic: sorted keys, 2-space JSON with a trailing newline, no timestamps.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { DocumentKind, McpServerNode, PromptDocument, SkippedFile, TextSegment } from './types.ts';
import { get, isString, type JNode, type JObject } from './formats/tree.ts';
import { commandLine, commandTokens, launchedPackage } from './rules/_launchers.ts';
import { rawRange } from './util/position.ts';
import { configFilePatterns, isIgnoredByConfig, loadConfig, type LoadedConfig } from './config.ts';
import { enumerateFiles } from './files.ts';
import { readTextFile, type ReadLimits } from './io.ts';
import { parseDocument, sniffFormat } from './formats/index.ts';

export const LOCK_FILE_NAME = 'promptlint.lock';
export const LOCK_VERSION = 1;
export const LOCK_NOTE =
  'Written by `promptlint pin`: hashes and versions of the hub manifests, MCP tool listings, MCP server packages and remote prompt ' +
  'references of this folder. Linting reports any change (rule pinned-content-drift). Review a change, then accept it with ' +
  '`promptlint pin --update`. Do not edit by hand.';

/** What a file was pinned as. */
export type PinKind = 'hub-manifest' | 'mcp-tools' | 'mcp-servers' | 'remote-prompts';

export interface PinnedTool {
  /** `sha256:<hex>` of the tool's `description` (null when it has none). */
  readonly description: string | null;
  /** `sha256:<hex>` of the canonical input schema (null when it has none). */
  readonly inputSchema: string | null;
  /** `sha256:<hex>` of the canonical `annotations` (`readOnlyHint`, `destructiveHint`...), when the tool has them. */
  readonly annotations?: string;
}

export interface PinnedServer {
  /** For a server started through a launcher (`npx`, `uvx`, `pipx run`, `docker run`...). */
  readonly ecosystem?: string;
  readonly package?: string;
  /** Version, tag or digest as written; null when none. */
  readonly version?: string | null;
  /** `sha256:<hex>` of the URL of a remote server (a URL may carry a token). */
  readonly url?: string;
  /** `sha256:<hex>` of the command line of a server started without a launcher. */
  readonly command?: string;
}

export interface PinnedRemotePrompt {
  readonly ref: string;
  /** The commit (or tag) it names; null when none. */
  readonly commit: string | null;
}

export interface LockEntry {
  readonly kind: PinKind;
  readonly manifest?: string;
  readonly tools?: Readonly<Record<string, PinnedTool>>;
  /** `sha256:<hex>` of the server instructions of a tool listing (signature files), when it has them. */
  readonly instructions?: string;
  readonly servers?: Readonly<Record<string, PinnedServer>>;
  readonly remotePrompts?: readonly PinnedRemotePrompt[];
}

export interface LockFile {
  readonly '//'?: string;
  readonly version: number;
  readonly files: Readonly<Record<string, LockEntry>>;
}

/** A lock file as read from disk: its data, or why it cannot be used. */
export interface LoadedLock {
  /** Absolute path of the lock file. */
  readonly path: string;
  /** Its folder: file keys are relative to it. */
  readonly dir: string;
  readonly lock?: LockFile;
  readonly error?: string;
}

/** What the drift rule receives for the file being linted (`RuleContext.lock`). */
export interface FileLock {
  /** Absolute path of the lock file. */
  readonly lockPath: string;
  /** The lock file as seen from the linted file's folder (`../promptlint.lock`), for messages. */
  readonly display: string;
  /** Key of this file in the lock. */
  readonly key: string;
  /** The pinned entry; absent when the file is not in the lock. */
  readonly entry?: LockEntry;
  /** Set when the lock cannot be read: the file is not checked, and the rule says so once. */
  readonly error?: string;
}

// ------------------------------------------------------------------------------------------ hashing

export function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/**
 * Canonical JSON of a value tree: object keys sorted by UTF-16 code units (stable for duplicate keys), no
 * whitespace, numbers as JSON numbers. Two trees that differ only in layout, quoting style or key order
 * (JSON and YAML objects are unordered) give the same text; any change of a value, key or array order does not.
 */
export function canonicalJson(node: JNode | undefined): string {
  const out: string[] = [];
  const visit = (n: JNode | undefined, depth: number) => {
    if (!n || depth > 1000) {
      out.push('null');
      return;
    }
    if (n.kind === 'object') {
      const entries = [...n.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      out.push('{');
      entries.forEach((e, i) => {
        if (i) out.push(',');
        out.push(JSON.stringify(e.key), ':');
        visit(e.value, depth + 1);
      });
      out.push('}');
    } else if (n.kind === 'array') {
      out.push('[');
      n.items.forEach((item, i) => {
        if (i) out.push(',');
        visit(item, depth + 1);
      });
      out.push(']');
    } else out.push(JSON.stringify(n.value) ?? 'null');
  };
  visit(node, 0);
  return out.join('');
}

// ------------------------------------------------------------------------------- pinning a document

export interface Range {
  readonly start: number;
  readonly end: number;
}

/** The pinnable state of a document, with the raw ranges the drift rule reports at. */
export interface PinState {
  readonly kind: PinKind;
  readonly manifest?: { readonly hash: string; readonly at: Range };
  readonly tools?: ReadonlyMap<string, { readonly pin: PinnedTool; readonly at: Range; readonly descriptionAt: Range; readonly schemaAt: Range; readonly annotationsAt: Range }>;
  readonly instructions?: { readonly hash: string; readonly at: Range };
  /** Where a removed tool is reported: the tool list. */
  readonly toolsAt?: Range;
  readonly servers?: ReadonlyMap<string, { readonly pin: PinnedServer; readonly at: Range }>;
  readonly remotePrompts?: readonly (PinnedRemotePrompt & { readonly at: Range })[];
}

const MANIFEST_KINDS = new Set<DocumentKind>(['langchain', 'langchain-legacy']);

/** What a document pins; undefined when it holds nothing to pin (or could not be parsed). */
export function pinState(doc: PromptDocument): PinState | undefined {
  if (doc.parseError) return undefined;
  const roots = doc.tree ?? [];
  let manifest: PinState['manifest'];
  let tools: PinState['tools'];
  let toolsAt: Range | undefined;
  let instructions: PinState['instructions'];
  if (MANIFEST_KINDS.has(doc.kind) && roots.length) {
    const root = roots[0]!;
    const text = roots.length === 1 ? canonicalJson(root) : `[${roots.map((r) => canonicalJson(r)).join(',')}]`;
    manifest = { hash: sha256(text), at: { start: root.start, end: Math.min(root.end, root.start + 1) } };
  } else if (doc.kind === 'mcp-tools') {
    const t = pinTools(doc, roots);
    tools = t.tools;
    toolsAt = t.at;
    instructions = t.instructions;
  }
  const servers = pinServers(doc);
  const remotePrompts = manifest ? [] : remoteRefs(doc);
  const kind: PinKind | undefined = manifest ? 'hub-manifest' : tools ? 'mcp-tools' : servers.size ? 'mcp-servers' : remotePrompts.length ? 'remote-prompts' : undefined;
  if (!kind) return undefined;
  return {
    kind,
    ...(manifest ? { manifest } : {}),
    ...(tools ? { tools, toolsAt } : {}),
    ...(instructions ? { instructions } : {}),
    ...(servers.size ? { servers } : {}),
    ...(remotePrompts.length ? { remotePrompts } : {}),
  };
}

function pinTools(doc: PromptDocument, roots: readonly JNode[]): { tools: PinState['tools']; at: Range; instructions?: PinState['instructions'] } {
  const objects = new Map<string, JObject>();
  let listAt: Range | undefined;
  // One pass over the objects (no key paths: a listing can hold thousands of tools).
  const stack: { n: JNode; depth: number }[] = roots.map((n) => ({ n, depth: 0 }));
  while (stack.length) {
    const { n, depth } = stack.pop()!;
    if (depth > 256) continue;
    if (n.kind === 'object') {
      objects.set(`${n.start}:${n.end}`, n);
      for (const e of n.entries) {
        if (!e.value) continue;
        if (e.key === 'tools' && e.value.kind === 'array' && (!listAt || e.keyStart < listAt.start)) listAt = { start: e.keyStart, end: e.keyEnd };
        stack.push({ n: e.value, depth: depth + 1 });
      }
    } else if (n.kind === 'array') for (const item of n.items) stack.push({ n: item, depth: depth + 1 });
  }
  const first = roots[0];
  const at = listAt ?? { start: first?.start ?? 0, end: first ? Math.min(first.end, first.start + 1) : 0 };
  const tools = new Map<string, { pin: PinnedTool; at: Range; descriptionAt: Range; schemaAt: Range; annotationsAt: Range }>();
  for (const node of doc.nodes) {
    if (node.type !== 'tool' || tools.has(node.name)) continue;
    const obj = objects.get(`${node.start}:${node.end}`);
    const name = obj ? get(obj, 'name') : undefined;
    const nameAt = name ? { start: name.start, end: name.end } : { start: node.start, end: node.start + 1 };
    const description = obj ? get(obj, 'description') : undefined;
    const schemaEntry = obj?.entries.find((e) => e.key === 'inputSchema' || e.key === 'input_schema' || e.key === 'parameters');
    const annotations = obj?.entries.find((e) => e.key === 'annotations' && e.value?.kind === 'object');
    tools.set(node.name, {
      pin: {
        description: isString(description) ? sha256(description.value) : null,
        inputSchema: schemaEntry?.value ? sha256(canonicalJson(schemaEntry.value)) : null,
        ...(annotations ? { annotations: sha256(canonicalJson(annotations.value)) } : {}),
      },
      annotationsAt: annotations ? { start: annotations.keyStart, end: annotations.keyEnd } : nameAt,
      at: nameAt,
      descriptionAt: description ? { start: description.start, end: description.end } : nameAt,
      schemaAt: schemaEntry ? { start: schemaEntry.keyStart, end: schemaEntry.keyEnd } : nameAt,
    });
  }
  const root = roots[0];
  const text = get(get(root, 'metadata'), 'instructions') ?? get(root, 'instructions');
  const instructions = isString(text) && text.value.trim() ? { hash: sha256(text.value), at: { start: text.start, end: text.end } } : undefined;
  return { tools, at, ...(instructions ? { instructions } : {}) };
}

function pinServers(doc: PromptDocument): Map<string, { pin: PinnedServer; at: Range }> {
  const out = new Map<string, { pin: PinnedServer; at: Range }>();
  for (const node of doc.nodes) {
    if (node.type !== 'mcp-server' || out.has(node.name)) continue;
    out.set(node.name, pinServer(node));
  }
  return out;
}

function pinServer(node: McpServerNode): { pin: PinnedServer; at: Range } {
  const pkg = launchedPackage(commandTokens(node));
  if (pkg) return { pin: { ecosystem: pkg.ecosystem, package: pkg.name, version: pkg.version ?? null }, at: { start: pkg.token.start, end: pkg.token.end } };
  if (node.url) return { pin: { url: sha256(node.url.value.trim()) }, at: { start: node.url.start, end: node.url.end } };
  if (node.command) {
    const line = commandLine(node).text.trim().split(/\s+/).join(' ');
    return { pin: { command: sha256(line) }, at: { start: node.command.start, end: node.command.end } };
  }
  return { pin: {}, at: { start: node.start, end: Math.min(node.end, node.start + 1) } };
}

/** `langchain-hub://owner/name`, `hub://…`, `lc-hub://…`. */
const HUB_SCHEME = /^(?:langchain-hub|lc-hub|hub):\/\//i;
/** `owner/name` or `owner/name:commit-or-tag` (hub names have no dots). */
const HUB_ID = /^([a-z0-9][\w-]{0,62}\/[a-z0-9][\w-]{0,99})(?::([\w.-]{1,64}))?$/i;
/** Keys (lower case, without `_` and `-`) whose value is a hub reference. */
const HUB_KEYS = new Set(['hub', 'hubprompt', 'hubref', 'hubid', 'hubhandle', 'hubrepo', 'hubpath', 'hubreference', 'promptid', 'promptref', 'prompthandle', 'prompthub', 'promptreference', 'hubpromptid']);
/** Keys whose URL value is fetched as a prompt or template. */
const URL_KEYS = new Set(['templatepath', 'templateurl', 'templatefile', 'promptpath', 'prompturl', 'promptfile', 'promptsource', 'promptsrc', 'loadprompt', 'systemprompturl', 'systempromptpath', 'systempromptfile', 'instructionsurl', 'rulesurl']);
/** A full commit hash as a path segment of a URL. */
const URL_COMMIT = /\/([0-9a-f]{40}(?:[0-9a-f]{24})?)(?=\/|$)/i;

function lastKey(segment: TextSegment): string {
  for (let i = segment.path.length - 1; i >= 0; i--) {
    const k = segment.path[i];
    if (typeof k === 'string') return k.replace(/[_-]/g, '').toLowerCase();
  }
  return '';
}

/** Remote prompt references in a document's values: hub ids and prompt URLs, with the commit they name. */
function remoteRefs(doc: PromptDocument): (PinnedRemotePrompt & { at: Range })[] {
  const out: (PinnedRemotePrompt & { at: Range })[] = [];
  for (const segment of doc.segments) {
    if (segment.context === 'key' || segment.context === 'comment' || segment.context === 'raw' || !segment.path.length) continue;
    const value = segment.value;
    if (value.length > 2048) continue;
    const lead = value.length - value.trimStart().length;
    const v = value.trim();
    const key = lastKey(segment);
    const scheme = HUB_SCHEME.exec(v);
    if (scheme || HUB_KEYS.has(key)) {
      const m = HUB_ID.exec(scheme ? v.slice(scheme[0].length) : v);
      if (m) out.push({ ref: m[1]!, commit: m[2] ?? null, at: rangeOf(segment, lead, lead + v.length) });
      continue;
    }
    if (URL_KEYS.has(key) && /^https?:\/\//i.test(v)) {
      // The URL without its query and fragment (which may carry a token): only the location is an identifier.
      const cut = v.search(/[?#]/);
      const base = cut < 0 ? v : v.slice(0, cut);
      const c = URL_COMMIT.exec(base);
      out.push({ ref: c ? base.replace(c[1]!, '{commit}') : base, commit: c ? c[1]!.toLowerCase() : null, at: rangeOf(segment, lead, lead + v.length) });
    }
  }
  return out;
}

function rangeOf(segment: TextSegment, start: number, end: number): Range {
  return rawRange(segment.map, start, end);
}

/** The lock entry of a pin state: identifiers and hashes only. */
export function lockEntryOf(state: PinState): LockEntry {
  const entry: { -readonly [K in keyof LockEntry]: LockEntry[K] } = { kind: state.kind };
  if (state.manifest) entry.manifest = state.manifest.hash;
  if (state.tools) entry.tools = Object.fromEntries([...state.tools].map(([name, t]) => [name, t.pin]));
  if (state.instructions) entry.instructions = state.instructions.hash;
  if (state.servers) entry.servers = Object.fromEntries([...state.servers].map(([name, s]) => [name, s.pin]));
  if (state.remotePrompts) {
    const seen = new Set<string>();
    const refs: PinnedRemotePrompt[] = [];
    for (const r of state.remotePrompts) {
      const k = `${r.ref}\0${r.commit ?? ''}`;
      if (seen.has(k)) continue;
      seen.add(k);
      refs.push({ ref: r.ref, commit: r.commit });
    }
    refs.sort((a, b) => cmp(a.ref, b.ref) || cmp(a.commit ?? '', b.commit ?? ''));
    entry.remotePrompts = refs;
  }
  return entry;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ----------------------------------------------------------------------------------- reading, writing

/** JSON with object keys sorted at every level, 2-space indent, trailing newline. */
export function stableStringify(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort(cmp)) o[k] = sortKeys((v as Record<string, unknown>)[k]);
      return o;
    }
    return v;
  };
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

export function serializeLock(lock: LockFile): string {
  return stableStringify({ '//': LOCK_NOTE, version: lock.version, files: lock.files });
}

const PIN_KINDS = new Set<string>(['hub-manifest', 'mcp-tools', 'mcp-servers', 'remote-prompts']);

/** Check the shape of parsed lock data; returns the reason it is unusable, or undefined. */
function validateLock(data: unknown): string | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'not a JSON object';
  const d = data as Record<string, unknown>;
  if (d.version !== LOCK_VERSION) return typeof d.version === 'number' && d.version > LOCK_VERSION ? `version ${d.version} is newer than this promptlint reads (${LOCK_VERSION})` : 'missing or unknown "version"';
  if (!d.files || typeof d.files !== 'object' || Array.isArray(d.files)) return '"files" is not an object';
  for (const [key, e] of Object.entries(d.files as Record<string, unknown>)) {
    if (!e || typeof e !== 'object' || Array.isArray(e)) return `entry "${key.slice(0, 200)}" is not an object`;
    const entry = e as Record<string, unknown>;
    if (typeof entry.kind !== 'string' || !PIN_KINDS.has(entry.kind)) return `entry "${key.slice(0, 200)}" has no known "kind"`;
    for (const field of ['manifest', 'instructions'] as const) {
      if (entry[field] !== undefined && typeof entry[field] !== 'string') return `entry "${key.slice(0, 200)}": "${field}" is not a string`;
    }
    for (const section of ['tools', 'servers'] as const) {
      const s = entry[section];
      if (s === undefined) continue;
      if (!s || typeof s !== 'object' || Array.isArray(s)) return `entry "${key.slice(0, 200)}": "${section}" is not an object`;
      for (const v of Object.values(s)) if (!v || typeof v !== 'object' || Array.isArray(v)) return `entry "${key.slice(0, 200)}": a "${section}" item is not an object`;
    }
    const refs = entry.remotePrompts;
    if (refs !== undefined && (!Array.isArray(refs) || refs.some((r) => !r || typeof r !== 'object' || typeof (r as PinnedRemotePrompt).ref !== 'string'))) {
      return `entry "${key.slice(0, 200)}": "remotePrompts" is not a list of references`;
    }
  }
  return undefined;
}

/** Read a lock file. Never throws: a missing, unreadable or malformed file gives `error`. */
export function readLock(path: string): LoadedLock {
  const abs = resolve(path);
  const dir = dirname(abs);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    return { path: abs, dir, error: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { path: abs, dir, error: `is not valid JSON (${(e as Error).message.slice(0, 200)})` };
  }
  const problem = validateLock(data);
  if (problem) return { path: abs, dir, error: `is malformed: ${problem}` };
  return { path: abs, dir, lock: data as LockFile };
}

/** Write a lock file atomically (a temporary file renamed over it). */
export function writeLock(path: string, lock: LockFile): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, serializeLock(lock));
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The key of a file in a lock at `dir`: its relative path with `/`; undefined when the file is outside `dir`. */
export function lockKey(dir: string, filePath: string): string | undefined {
  const rel = relative(dir, resolve(filePath));
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** What the drift rule sees for `filePath` under a loaded lock (undefined when the file is outside its folder). */
export function fileLockFor(loaded: LoadedLock, filePath: string): FileLock | undefined {
  if (filePath === '<text>') return undefined;
  const key = lockKey(loaded.dir, filePath);
  if (key === undefined) return undefined;
  const display = relative(dirname(resolve(filePath)), loaded.path).split(sep).join('/');
  if (loaded.error !== undefined) return { lockPath: loaded.path, display, key, error: loaded.error };
  const files = loaded.lock!.files;
  const entry = Object.prototype.hasOwnProperty.call(files, key) ? files[key] : undefined;
  return { lockPath: loaded.path, display, key, ...(entry ? { entry } : {}) };
}

/** Cache-key material for a file's lock: changes when its entry, the lock's readability or the lock's place change. */
export function fileLockKey(lock: FileLock | undefined): string {
  return lock ? JSON.stringify([lock.lockPath, lock.key, lock.entry ?? null, lock.error ?? null]) : '';
}

/** Finds the nearest `promptlint.lock` in a folder or its ancestors; each folder is looked at and each lock read once. */
export class LockFinder {
  readonly #dirs = new Map<string, LoadedLock | null>();

  /** The lock that governs a folder, or undefined. */
  forDir(dir: string): LoadedLock | undefined {
    const start = resolve(dir);
    const visited: string[] = [];
    let found: LoadedLock | null = null;
    let d = start;
    for (let i = 0; i < 256; i++) {
      const cached = this.#dirs.get(d);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(d);
      const candidate = join(d, LOCK_FILE_NAME);
      if (isFile(candidate)) {
        found = readLock(candidate);
        break;
      }
      const parent = dirname(d);
      if (parent === d) break;
      d = parent;
    }
    for (const v of visited) this.#dirs.set(v, found);
    return found ?? undefined;
  }

  /** The lock entry (or lock error) for a file, or undefined when no lock governs it. */
  forFile(filePath: string): FileLock | undefined {
    const loaded = this.forDir(dirname(resolve(filePath)));
    return loaded ? fileLockFor(loaded, filePath) : undefined;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The nearest lock for a folder (uncached). */
export function findLock(dir: string): LoadedLock | undefined {
  return new LockFinder().forDir(dir);
}

// ------------------------------------------------------------------------------------- creating a lock

export interface CreateLockOptions extends ReadLimits {
  /** Working directory for config lookup and ignore files (default: process.cwd()). */
  readonly cwd?: string;
  readonly config?: LoadedConfig;
  readonly useIgnore?: boolean;
  readonly ignorePath?: string;
}

export interface CreateLockResult {
  readonly lock: LockFile;
  /** Absolute path the lock belongs at (`<dir>/promptlint.lock`). */
  readonly path: string;
  /** Files read (pinned or not). */
  readonly scanned: number;
  readonly skipped: SkippedFile[];
}

/** Pin the lintable files under `dir` (the same files a lint of `dir` reads). Reads files only; writes nothing. */
export async function createLock(dir: string, options: CreateLockOptions = {}): Promise<CreateLockResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const root = resolve(cwd, dir);
  const config = options.config ?? (await loadConfig({ cwd }));
  const { files } = await enumerateFiles([root], {
    cwd,
    useIgnore: options.useIgnore,
    ignorePath: options.ignorePath,
    extraPatterns: configFilePatterns(config),
    isIgnoredByConfig: (p) => isIgnoredByConfig(config, p),
  });
  const entries: Record<string, LockEntry> = {};
  const skipped: SkippedFile[] = [];
  let scanned = 0;
  for (const f of files) {
    const key = lockKey(root, f.path);
    if (key === undefined || key === LOCK_FILE_NAME) continue;
    const read = readTextFile(f.path, options);
    if (!read.ok) {
      skipped.push({ filePath: f.path, reason: read.reason });
      continue;
    }
    scanned++;
    const doc = parseDocument({ path: f.path, text: read.text }, sniffFormat(f.path, read.text));
    const state = pinState(doc);
    if (state) entries[key] = lockEntryOf(state);
  }
  return { lock: { version: LOCK_VERSION, files: entries }, path: join(root, LOCK_FILE_NAME), scanned, skipped };
}

/** Does a lock file exist at `path`? */
export function lockExists(path: string): boolean {
  return existsSync(path);
}

// ---------------------------------------------------------------------------------------- differences

export interface LockChange {
  readonly file: string;
  readonly change: 'added' | 'changed' | 'removed';
  /** What changed inside the entry (for `changed`), one short line each. */
  readonly details: readonly string[];
}

/** Entry-by-entry differences between an old lock (or none) and a new one, sorted by file. */
export function diffLocks(before: LockFile | undefined, after: LockFile): LockChange[] {
  const old = before?.files ?? {};
  const out: LockChange[] = [];
  const keys = [...new Set([...Object.keys(old), ...Object.keys(after.files)])].sort(cmp);
  for (const k of keys) {
    const a = Object.prototype.hasOwnProperty.call(old, k) ? old[k] : undefined;
    const b = Object.prototype.hasOwnProperty.call(after.files, k) ? after.files[k] : undefined;
    if (!a && b) out.push({ file: k, change: 'added', details: [describeEntry(b)] });
    else if (a && !b) out.push({ file: k, change: 'removed', details: [] });
    else if (a && b && stableStringify(a) !== stableStringify(b)) out.push({ file: k, change: 'changed', details: entryDetails(a, b) });
  }
  return out;
}

function describeEntry(e: LockEntry): string {
  const parts: string[] = [e.kind];
  const n = (o: object | undefined, one: string) => {
    const c = o ? (Array.isArray(o) ? o.length : Object.keys(o).length) : 0;
    if (c) parts.push(`${c} ${one}${c === 1 ? '' : 's'}`);
  };
  n(e.tools, 'tool');
  n(e.servers, 'server');
  n(e.remotePrompts, 'remote prompt');
  return parts.join(', ');
}

function entryDetails(a: LockEntry, b: LockEntry): string[] {
  const d: string[] = [];
  if (a.kind !== b.kind) d.push(`kind ${a.kind} -> ${b.kind}`);
  if (a.manifest !== b.manifest) d.push(`manifest ${short(a.manifest)} -> ${short(b.manifest)}`);
  if (a.instructions !== b.instructions) d.push('server instructions changed');
  const at = a.tools ?? {};
  const bt = b.tools ?? {};
  for (const name of [...new Set([...Object.keys(at), ...Object.keys(bt)])].sort(cmp)) {
    const x = own(at, name);
    const y = own(bt, name);
    if (!x) d.push(`tool ${name}: added`);
    else if (!y) d.push(`tool ${name}: removed`);
    else {
      if (x.description !== y.description) d.push(`tool ${name}: description changed`);
      if (x.inputSchema !== y.inputSchema) d.push(`tool ${name}: input schema changed`);
      if (x.annotations !== y.annotations) d.push(`tool ${name}: annotations changed`);
    }
  }
  const as = a.servers ?? {};
  const bs = b.servers ?? {};
  for (const name of [...new Set([...Object.keys(as), ...Object.keys(bs)])].sort(cmp)) {
    const x = own(as, name);
    const y = own(bs, name);
    if (!x) d.push(`server ${name}: added`);
    else if (!y) d.push(`server ${name}: removed`);
    else if (stableStringify(x) !== stableStringify(y)) d.push(`server ${name}: ${serverLabel(x)} -> ${serverLabel(y)}`);
  }
  const ar = new Set((a.remotePrompts ?? []).map((r) => `${r.ref}${r.commit ? `@${r.commit}` : ''}`));
  const br = new Set((b.remotePrompts ?? []).map((r) => `${r.ref}${r.commit ? `@${r.commit}` : ''}`));
  for (const r of [...ar].filter((x) => !br.has(x)).sort(cmp)) d.push(`remote prompt ${r}: removed`);
  for (const r of [...br].filter((x) => !ar.has(x)).sort(cmp)) d.push(`remote prompt ${r}: added`);
  return d;
}

function own<T>(o: Readonly<Record<string, T>>, k: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

function short(hash: string | undefined): string {
  return hash ? hash.replace(/^sha256:/, '').slice(0, 12) : 'none';
}

/** A server pin as a short label: `npm @scope/pkg@1.2.3`, `url sha256:…`, `command sha256:…`. */
export function serverLabel(s: PinnedServer): string {
  if (s.package !== undefined) return `${s.ecosystem ?? '?'} ${s.package}${s.version ? `${s.ecosystem === 'docker' && s.version.startsWith('sha256:') ? '@' : s.ecosystem === 'docker' ? ':' : '@'}${s.version}` : ''}`;
  if (s.url !== undefined) return `url ${short(s.url)}`;
  if (s.command !== undefined) return `command ${short(s.command)}`;
  return 'unknown';
}
