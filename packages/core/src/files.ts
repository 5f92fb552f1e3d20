import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob, isDynamicPattern } from 'tinyglobby';
import picomatch from 'picomatch';
import { discover } from './formats/discovery.ts';
import type { SkippedFile } from './types.ts';

export interface FileTarget {
  /** Absolute path. */
  readonly path: string;
  /** Named on the command line (or matched by a glob given there): linted whatever its type. */
  readonly explicit: boolean;
}

export interface EnumerateOptions {
  readonly cwd: string;
  /** Honour .gitignore, .promptlintignore, --ignore-path and config ignores (default true). */
  readonly useIgnore?: boolean;
  readonly ignorePath?: string;
  /** Extra patterns (from config `files`) that a directory walk also takes. */
  readonly extraPatterns?: readonly string[];
  /** Config-level ignore test. */
  readonly isIgnoredByConfig?: (absPath: string) => boolean;
}

export interface EnumerateResult {
  readonly files: FileTarget[];
  /** Explicitly named files skipped by an ignore pattern. */
  readonly ignoredExplicit: string[];
  /** Inputs that matched nothing. */
  readonly unmatched: string[];
  /** Files a walk or glob found but did not take: symbolic links leading outside the root. */
  readonly skipped: SkippedFile[];
}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/** Gitignore-style ignore files, read once per folder. */
export class IgnoreFiles {
  readonly #cache = new Map<string, Ignore | null>();
  readonly #extra: { base: string; ig: Ignore }[] = [];

  constructor(cwd: string, ignorePath?: string) {
    const add = (file: string) => {
      this.#extra.push({ base: dirname(file), ig: ignore().add(readFileSync(file, 'utf8')) });
    };
    const own = join(cwd, '.promptlintignore');
    if (existsSync(own)) add(own);
    if (ignorePath) add(resolve(cwd, ignorePath));
  }

  #forDir(dir: string): Ignore | null {
    let ig = this.#cache.get(dir);
    if (ig === undefined) {
      const f = join(dir, '.gitignore');
      ig = null;
      try {
        if (existsSync(f)) ig = ignore().add(readFileSync(f, 'utf8'));
      } catch {
        ig = null;
      }
      this.#cache.set(dir, ig);
    }
    return ig;
  }

  /** Is an absolute path ignored by any .gitignore from its folder up to the repository root, or by the extra files? */
  ignores(absPath: string): boolean {
    for (const { base, ig } of this.#extra) {
      const rel = relative(base, absPath);
      if (rel && !rel.startsWith('..') && !isAbsolute(rel) && ig.ignores(rel.split(sep).join('/'))) return true;
    }
    let dir = dirname(absPath);
    for (let i = 0; i < 64; i++) {
      const ig = this.#forDir(dir);
      if (ig) {
        const rel = relative(dir, absPath).split(sep).join('/');
        if (rel && ig.ignores(rel)) return true;
      }
      if (existsSync(join(dir, '.git'))) break;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return false;
  }
}

function inIgnoredDir(absPath: string): boolean {
  const parts = absPath.split(sep);
  return parts.includes('node_modules') || parts.includes('.git');
}

/**
 * Expand command-line inputs: a file is linted whatever its type; a directory is walked for the files in the
 * discovery table (and config `files` patterns); a glob is expanded and its matches linted.
 */
export async function enumerateFiles(inputs: readonly string[], options: EnumerateOptions): Promise<EnumerateResult> {
  const cwd = resolve(options.cwd);
  const useIgnore = options.useIgnore !== false;
  const ignores = useIgnore ? new IgnoreFiles(cwd, options.ignorePath) : undefined;
  const isIgnored = (abs: string) => useIgnore && (ignores!.ignores(abs) || (options.isIgnoredByConfig?.(abs) ?? false));
  const seen = new Set<string>();
  const files: FileTarget[] = [];
  const ignoredExplicit: string[] = [];
  const unmatched: string[] = [];
  const skipped: SkippedFile[] = [];
  const add = (abs: string, explicit: boolean) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ path: abs, explicit });
  };

  for (const input of inputs.length ? inputs : ['.']) {
    const abs = resolve(cwd, input);
    let st;
    try {
      st = statSync(abs);
    } catch {
      // A broken link or a symlink loop is still a named file: reading it reports why it was skipped.
      try {
        st = lstatSync(abs);
      } catch {
        st = undefined;
      }
    }
    if (st?.isDirectory()) {
      // Match the table against the path from the working directory, so walking `.claude/` or `.cursor/`
      // itself still finds `.claude/settings.json` (a path relative to the walked folder would lose that name).
      const base = relative(cwd, abs);
      const prefix = base && !base.startsWith('..') && !isAbsolute(base) ? `${base.split(sep).join('/')}/` : '';
      const extra = options.extraPatterns?.length ? picomatch(options.extraPatterns as string[], { dot: true }) : undefined;
      const found = (await glob(['**/*'], { cwd: abs, dot: true, onlyFiles: true, followSymbolicLinks: false, expandDirectories: false, ignore: ALWAYS_IGNORED }))
        .filter((rel) => discover(prefix + rel) !== undefined || (extra !== undefined && (extra(prefix + rel) || extra(rel))))
        .map((rel) => join(abs, rel));
      found.sort();
      let n = 0;
      for (const f of found) {
        const p = resolve(f);
        if (inIgnoredDir(relative(abs, p)) || isIgnored(p)) continue;
        add(p, false);
        n++;
      }
      // The walk does not follow symbolic links; links with a discovered name are taken here, on their own terms.
      // Folders the ignore files exclude are not scanned (a path inside an excluded folder is excluded).
      const links = symlinksIn(abs, (rel) => isIgnored(join(abs, rel, '.promptlint-probe'))).filter((rel) => discover(prefix + rel) !== undefined || (extra !== undefined && (extra(prefix + rel) || extra(rel))));
      for (const rel of links) {
        const p = join(abs, rel);
        if (isIgnored(p)) continue;
        const taken = linkTarget(p, [abs, cwd], seen);
        if (taken === 'lint') add(p, false);
        else if (taken) skipped.push({ filePath: p, reason: taken.reason });
      }
      if (!n && !found.length && !links.length) continue;
    } else if (st) {
      if (isIgnored(abs) || inIgnoredDir(relative(cwd, abs))) ignoredExplicit.push(abs);
      else add(abs, true);
    } else if (isDynamicPattern(input)) {
      const found = await glob([input], { cwd, absolute: true, dot: true, onlyFiles: true, followSymbolicLinks: false, expandDirectories: false, ignore: ALWAYS_IGNORED });
      if (!found.length) unmatched.push(input);
      found.sort();
      for (const f of found) {
        const p = resolve(f);
        if (isIgnored(p)) continue;
        // A glob is a walk the user wrote: its matches are named, but a link out of the working directory is not followed.
        const taken = lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink() ? linkTarget(p, [cwd], seen) : 'lint';
        if (taken === 'lint') add(p, true);
        else if (taken) skipped.push({ filePath: p, reason: taken.reason });
      }
    } else {
      unmatched.push(input);
    }
  }
  return { files, ignoredExplicit, unmatched, skipped };
}

/**
 * Symbolic links under `root` (relative paths, sorted), without following any: a stack of `readdir` calls that
 * skips node_modules, .git and folders `skipDir` excludes, bounded in depth so a hostile tree cannot exhaust anything.
 */
function symlinksIn(root: string, skipDir: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const stack: { dir: string; depth: number }[] = [{ dir: '', depth: 0 }];
  while (stack.length) {
    const { dir, depth } = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isSymbolicLink()) out.push(rel);
      else if (e.isDirectory() && e.name !== 'node_modules' && e.name !== '.git' && depth < 64 && !skipDir(rel)) stack.push({ dir: rel, depth: depth + 1 });
    }
  }
  return out.sort();
}

/**
 * What to do with a symbolic link found by a walk or a glob: lint it (its target is a file inside one of `roots`
 * that is not linted already), leave it (`undefined`: the target is linted under its own name), or skip it with
 * a reason (the target is outside the roots). A loop or a broken link is linted, so reading it reports why.
 */
function linkTarget(link: string, roots: readonly string[], seen: ReadonlySet<string>): 'lint' | { reason: string } | undefined {
  let real: string;
  try {
    real = realpathSync(link);
  } catch {
    return 'lint';
  }
  if (seen.has(real)) return undefined;
  const inside = roots.some((r) => {
    let rr: string;
    try {
      rr = realpathSync(r);
    } catch {
      rr = r;
    }
    const rel = relative(rr, real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
  if (inside) return 'lint';
  return { reason: 'symbolic link leading outside the linted folder: not followed (name the file on the command line to lint it)' };
}

export { discover };

/** One shard of a split file set: `index` is 1-based, `index <= count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parse `i/n` (`--shard 2/4`); undefined when malformed. */
export function parseShard(spec: string): Shard | undefined {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(spec.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * Does a path (relative to the working directory) belong to a shard? FNV-1a (with a final mix) over the path with `/` separators,
 * so the split is the same on every OS and machine, and adding or removing a file moves no other file.
 */
export function inShard(relPath: string, shard: Shard): boolean {
  if (shard.count <= 1) return true;
  const p = relPath.split(sep).join('/');
  let h = 0x811c9dc5;
  for (let i = 0; i < p.length; i++) {
    h ^= p.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // FNV-1a's low bits depend on few input bits (bit 0 is the parity of the characters' low bits): finish with
  // murmur3's fmix32 so `h % count` spreads files evenly.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h % shard.count === shard.index - 1;
}
