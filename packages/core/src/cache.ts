import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { LintResult } from './types.ts';

/** Default cache file name, in the working directory (as ESLint's `.eslintcache`). */
export const DEFAULT_CACHE_FILE = '.promptlintcache';

const CACHE_FORMAT = 1;

interface CacheEntry {
  /** Hash of (file config, content). */
  readonly k: string;
  /** The result with `filePath` left out. */
  readonly r: Omit<LintResult, 'filePath'>;
}

interface CacheFile {
  readonly format: number;
  /** Hash of the tool version and run-wide options; a different key discards every entry. */
  readonly key: string;
  readonly entries: Record<string, CacheEntry>;
}

/** The cache file path for `--cache-location`: a directory (existing, or written with a trailing slash) gets the default name. */
export function resolveCacheLocation(cwd: string, location?: string): string {
  if (!location) return join(cwd, DEFAULT_CACHE_FILE);
  const abs = resolve(cwd, location);
  if (/[\\/]$/.test(location)) return join(abs, DEFAULT_CACHE_FILE);
  try {
    if (statSync(abs).isDirectory()) return join(abs, DEFAULT_CACHE_FILE);
  } catch {
    // not there yet: a file path
  }
  return abs;
}

export function hashCacheKey(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('base64url').slice(0, 32);
}

/**
 * Lint results keyed on the file's content, the configuration that applies to it and the tool version.
 * Entries hold findings as reported (already masked: no whole secret is ever stored). A cache file that cannot
 * be read or has another shape is ignored and rewritten.
 */
export class ResultCache {
  readonly #path: string;
  readonly #key: string;
  readonly #old: Record<string, CacheEntry>;
  readonly #next: Record<string, CacheEntry> = Object.create(null);
  hits = 0;
  misses = 0;

  constructor(path: string, runKey: string) {
    this.#path = path;
    this.#key = runKey;
    this.#old = Object.create(null);
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
      if (data && data.format === CACHE_FORMAT && data.key === runKey && data.entries && typeof data.entries === 'object' && !Array.isArray(data.entries)) {
        for (const [rel, e] of Object.entries(data.entries)) {
          if (e && typeof e.k === 'string' && e.r && Array.isArray(e.r.messages) && Array.isArray(e.r.suppressedMessages)) this.#old[rel] = e;
        }
      }
    } catch {
      // missing or corrupt: start empty
    }
  }

  /** The cached result for a file (by its cache name) when its entry key matches. */
  get(name: string, entryKey: string, filePath: string): LintResult | undefined {
    const e = this.#old[name];
    if (!e || e.k !== entryKey) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.#next[name] = e;
    return { filePath, ...structuredClone(e.r) };
  }

  set(name: string, entryKey: string, result: LintResult): void {
    const { filePath: _omit, output: _output, ...r } = result;
    this.#next[name] = { k: entryKey, r };
  }

  /** Write the entries of this run (files no longer linted drop out). Failure to write is not an error. */
  save(): void {
    const data: CacheFile = { format: CACHE_FORMAT, key: this.#key, entries: this.#next };
    try {
      mkdirSync(dirname(this.#path), { recursive: true });
      const tmp = `${this.#path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
      renameSync(tmp, this.#path);
    } catch {
      // read-only checkout: run uncached next time
    }
  }
}
