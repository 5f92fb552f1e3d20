/**
 * Resource limits: what promptlint refuses to read or build, so a hostile file costs little. Every limit has a
 * documented default, can be set in the config (`limits`, run-wide) or on the command line, and produces a
 * per-file message naming the limit, its value and how to raise it when a file hits it (docs/hardening.md#limits).
 */

export interface Limits {
  /** Largest file read, in bytes: a larger file is skipped with a notice. */
  readonly maxFileSize: number;
  /** Longest line, in characters (UTF-16 code units): a file with a longer line is linted as raw text only. */
  readonly maxLineLength: number;
  /** Deepest nesting of YAML, JSON, TOML or front matter: deeper is a parse error for that file. */
  readonly maxDepth: number;
  /** Most YAML aliases (`*name`) in one file or front matter: more is a parse error. Aliases are never expanded. */
  readonly maxAliases: number;
  /** Most findings reported for one file: the rest are dropped with a notice. */
  readonly maxFindingsPerFile: number;
}

export type LimitName = keyof Limits;

/** A limit as written in a config: a number, or for sizes a string such as `10MiB`. */
export type LimitsInput = { readonly [K in LimitName]?: number | string };

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxFileSize: 10 * 1024 * 1024,
  maxLineLength: 1024 * 1024,
  maxDepth: 200,
  maxAliases: 1000,
  maxFindingsPerFile: 1000,
});

/**
 * Accepted range of each limit. The upper bounds keep the process safe: a string longer than 256 MiB of text
 * does not fit in a JavaScript string, and the parsers recurse once per nesting level (the YAML library runs out
 * of stack near 1000 levels; 500 leaves room for the rest of the program).
 */
export const LIMIT_RANGES: { readonly [K in LimitName]: readonly [number, number] } = {
  maxFileSize: [1, 256 * 1024 * 1024],
  maxLineLength: [1, 256 * 1024 * 1024],
  maxDepth: [1, 500],
  maxAliases: [0, 1_000_000],
  maxFindingsPerFile: [1, 1_000_000],
};

export const LIMIT_NAMES: readonly LimitName[] = ['maxFileSize', 'maxLineLength', 'maxDepth', 'maxAliases', 'maxFindingsPerFile'];

/** The command-line flag of each limit. */
export const LIMIT_FLAGS: { readonly [K in LimitName]: string } = {
  maxFileSize: '--max-file-size',
  maxLineLength: '--max-line-length',
  maxDepth: '--max-depth',
  maxAliases: '--max-aliases',
  maxFindingsPerFile: '--max-findings',
};

const SIZE_LIMITS = new Set<LimitName>(['maxFileSize', 'maxLineLength']);

const UNITS: Record<string, number> = { b: 1, kb: 1000, kib: 1024, mb: 1000 ** 2, mib: 1024 ** 2, gb: 1000 ** 3, gib: 1024 ** 3 };

/**
 * A limit's value from a number or (for sizes) a string: `1048576`, `512KiB`, `10MiB`, `1.5MB` (KB/MB/GB are
 * powers of 1000, KiB/MiB/GiB powers of 1024). Returns an error text for anything else.
 */
export function parseLimitValue(name: LimitName, value: unknown): { value: number } | { error: string } {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && SIZE_LIMITS.has(name)) {
    const m = /^\s*(\d{1,12}(?:\.\d{1,6})?)\s*(?:([kmg]i?b|b)\s*)?$/i.exec(value);
    if (!m) return { error: `must be a number of bytes or a size such as "10MiB" (got ${JSON.stringify(value)})` };
    n = Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]!);
  } else if (typeof value === 'string' && /^\s*\d{1,12}\s*$/.test(value)) n = Number(value);
  else return { error: `must be ${SIZE_LIMITS.has(name) ? 'a number or a size such as "10MiB"' : 'a whole number'} (got ${JSON.stringify(value)})` };
  if (!Number.isInteger(n)) return { error: `must be a whole number (got ${n})` };
  const [lo, hi] = LIMIT_RANGES[name];
  if (n < lo || n > hi) return { error: `must be between ${formatLimit(name, lo)} and ${formatLimit(name, hi)} (got ${formatLimit(name, n)})` };
  return { value: n };
}

/**
 * Validate a config's `limits` object. Returns the parsed values or throws `Error` with the key path
 * (`limits.maxDepth: ...`); config.ts turns it into a ConfigError.
 */
export function validateLimits(raw: unknown): Partial<Limits> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('limits: must be an object such as { maxFileSize: "10MiB" }');
  const out: Partial<Record<LimitName, number>> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!(LIMIT_NAMES as readonly string[]).includes(k)) throw new Error(`limits.${k}: unknown limit (known: ${LIMIT_NAMES.join(', ')})`);
    const r = parseLimitValue(k as LimitName, v);
    if ('error' in r) throw new Error(`limits.${k}: ${r.error}`);
    out[k as LimitName] = r.value;
  }
  return out;
}

/** Defaults, then each layer in order (later wins); undefined entries are ignored. */
export function resolveLimits(...layers: (Partial<Limits> | undefined)[]): Limits {
  const out: Record<LimitName, number> = { ...DEFAULT_LIMITS };
  for (const layer of layers) {
    if (!layer) continue;
    for (const k of LIMIT_NAMES) if (typeof layer[k] === 'number') out[k] = layer[k];
  }
  return out;
}

/** A limit's value as people read it: sizes in B/KiB/MiB, the others as numbers. */
export function formatLimit(name: LimitName, n: number): string {
  return name === 'maxFileSize' ? formatBytes(n) : String(n);
}

export function formatBytes(n: number): string {
  const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
  if (n >= 1024 * 1024) return `${fmt(n / 1024 / 1024)} MiB`;
  if (n >= 1024) return `${fmt(n / 1024)} KiB`;
  return `${n} B`;
}

/** How to raise a limit, for messages: the config key and the flag. */
export function howToRaise(name: LimitName): string {
  return `raise limits.${name} in the config or use ${LIMIT_FLAGS[name]}`;
}

// ---------------------------------------------------------------------------------------------
// The limits of the parse in progress. Parsing is synchronous, so one module-level slot is enough: lint.ts sets it
// around each file, the parsers (yaml.ts, json.ts, toml.ts, front matter) read it and record the limits they hit.

/** A limit a parser hit in the file being linted. */
export interface LimitHit {
  readonly limit: LimitName;
  readonly value: number;
  readonly offset: number;
  readonly message: string;
}

let current: Limits = DEFAULT_LIMITS;
let hits: LimitHit[] | undefined;

/** The limits that apply to the parse in progress (the defaults outside `withParseLimits`). */
export function parseLimits(): Limits {
  return current;
}

/** Record a limit hit (a parser calls this when it refuses input). */
export function recordLimitHit(hit: LimitHit): void {
  hits?.push(hit);
}

/** Run a synchronous parse with `limits`; returns its result and the limits it hit. */
export function withParseLimits<T>(limits: Limits, fn: () => T): { result: T; hits: LimitHit[] } {
  const prev = current;
  const prevHits = hits;
  current = limits;
  hits = [];
  const mine = hits;
  try {
    return { result: fn(), hits: mine };
  } finally {
    current = prev;
    hits = prevHits;
  }
}

/** The message a parser uses when nesting is too deep. */
export function depthMessage(format: string, max: number): string {
  return `${format}: nesting deeper than ${max} levels (the maxDepth limit; ${howToRaise('maxDepth')})`;
}
