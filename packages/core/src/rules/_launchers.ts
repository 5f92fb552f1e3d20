/**
 * How an MCP server's command line starts a package: `npx -y pkg@1.2.3`, `pnpm dlx pkg`, `uvx --from pkg==1 tool`,
 * `pipx run pkg`, `docker run image:tag`. Shared by the supply-chain rules; reads only the config's strings.
 */
import type { McpServerNode, StringField } from '../types.ts';
import { rawRange } from '../util/position.ts';

/** One word of the command line with its raw range in the file. */
export interface Token {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

export type Ecosystem = 'npm' | 'pypi' | 'docker';

/** A package the launcher fetches, with the raw range of the whole argument that names it. */
export interface LaunchedPackage {
  readonly ecosystem: Ecosystem;
  readonly launcher: string;
  /** Package or image name without version or tag. */
  readonly name: string;
  /** Version, tag or digest as written (`latest`, `1.2.3`, `^1.0.0`, `sha256:…`); absent when none. */
  readonly version?: string;
  /** `exact` (a full version or a digest), `none`, `tag` (`latest`, `next`) or `range` (`^1`, `>=1`, `1.x`). */
  readonly pin: 'exact' | 'none' | 'tag' | 'range';
  readonly token: Token;
}

/** Split a field on whitespace (a whole command line written in `command`), keeping raw ranges. */
function splitField(field: StringField): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(field.value))) {
    const r = rawRange(field.map, m.index, m.index + m[0].length);
    out.push({ value: m[0], start: r.start, end: r.end });
  }
  return out;
}

function wholeField(field: StringField): Token {
  const lead = field.value.length - field.value.trimStart().length;
  const v = field.value.trim();
  const r = rawRange(field.map, lead, lead + v.length);
  return { value: v, start: r.start, end: r.end };
}

/** The server's command line: `command` split into words, then each `args` entry as one word. */
export function commandTokens(node: McpServerNode): Token[] {
  const tokens: Token[] = node.command ? splitField(node.command) : [];
  for (const a of node.args) if (a.value.trim()) tokens.push(wholeField(a));
  return tokens;
}

/** The whole command line as one string, with a map from each character back to a raw offset. */
export function commandLine(node: McpServerNode): { text: string; raw(start: number, end: number): { start: number; end: number } } {
  const parts: { field: StringField; at: number }[] = [];
  let text = '';
  for (const f of [...(node.command ? [node.command] : []), ...node.args]) {
    if (text) text += ' ';
    parts.push({ field: f, at: text.length });
    text += f.value;
  }
  return {
    text,
    raw(start, end) {
      const at = (i: number, side: 'start' | 'end') => {
        let k = parts.length - 1;
        while (k > 0 && parts[k]!.at > (side === 'end' ? i - 1 : i)) k--;
        const p = parts[k]!;
        const d = Math.min(p.field.value.length, Math.max(0, i - p.at));
        return rawRange(p.field.map, d, d)[side === 'end' ? 'end' : 'start'];
      };
      const s = at(start, 'start');
      return { start: s, end: Math.max(s, at(end, 'end')) };
    },
  };
}

function program(word: string): string {
  const base = word.replace(/\\/g, '/').split('/').pop() ?? word;
  return base.replace(/\.(?:cmd|exe|bat|ps1)$/i, '').toLowerCase();
}

const PLACEHOLDER = /^\$\{|^\$[A-Z_]|^<[^>]*>$|^\{\{/;
const EXACT_NPM = /^v?\d{1,9}\.\d{1,9}\.\d{1,9}(?:[-+][0-9A-Za-z.+-]{1,80})?$/;
const EXACT_PY = /^\d{1,9}(?:\.\d{1,9}){0,4}(?:(?:a|b|rc|\.post|\.dev)\d{1,9}){0,2}$/;
const RANGE_CHARS = /[\^~<>=*| ]|^v?\d{1,9}(?:\.(?:\d{1,9}|[xX]))?(?:\.[xX])?$/;

/** A version filled in from the environment or an input (`${VERSION}`, `$TAG`, `{{version}}`): set elsewhere. */
const TEMPLATED = /\$\{?[A-Za-z_]|\{\{/;

function npmPin(version: string | undefined): LaunchedPackage['pin'] {
  if (version === undefined || version === '') return 'none';
  if (TEMPLATED.test(version)) return 'exact';
  if (EXACT_NPM.test(version)) return 'exact';
  if (RANGE_CHARS.test(version)) return 'range';
  return 'tag';
}

/** `@scope/pkg@1.2.3`, `pkg@latest`, `pkg`; undefined for paths, URLs, git specs and placeholders. */
export function parseNpmSpec(spec: string): { name: string; version?: string } | undefined {
  if (!spec || PLACEHOLDER.test(spec) || /^[./~]|^[a-z][a-z+]{1,10}:/i.test(spec) || spec.includes('\\')) return undefined;
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  const name = at < 0 ? spec : spec.slice(0, at);
  if (!/^(?:@[a-z0-9][\w.-]{0,213}\/)?[a-z0-9][\w.-]{0,213}$/i.test(name)) return undefined;
  return at < 0 ? { name } : { name, version: spec.slice(at + 1) };
}

/** `pkg==1.2`, `pkg[extra]==1`, `pkg@1.2` (uvx), `pkg>=1`, `pkg`; undefined for paths, URLs and placeholders. */
export function parsePySpec(spec: string): { name: string; version?: string; op?: string } | undefined {
  if (!spec || PLACEHOLDER.test(spec) || /^[./~]|:\/\/|^git\+/i.test(spec) || spec.includes('\\')) return undefined;
  const m = /^([A-Za-z0-9][\w.-]{0,200})(?:\[[\w,. -]{0,200}\])?(?:(===?|@|~=|>=|<=|!=|>|<)(.{0,100}))?$/.exec(spec);
  if (!m) return undefined;
  return m[2] ? { name: m[1]!, op: m[2], version: m[3] ?? '' } : { name: m[1]! };
}

function pyPin(op: string | undefined, version: string | undefined): LaunchedPackage['pin'] {
  if (!op) return 'none';
  const v = (version ?? '').trim();
  if (TEMPLATED.test(v)) return 'exact';
  if ((op === '==' || op === '===' || op === '@') && EXACT_PY.test(v)) return 'exact';
  if (op === '@' && !/\d/.test(v)) return 'tag';
  return 'range';
}

/** `image`, `image:tag`, `registry:5000/ns/image:tag`, `image@sha256:…`. */
export function parseImage(ref: string): { name: string; version?: string; pin: LaunchedPackage['pin'] } | undefined {
  const templated = /^([a-z0-9][\w.\/:-]{0,400}?)[:@](\$\{?[A-Za-z_][\w:-]{0,80}\}?|\{\{[^}]{1,80}\}\})$/i.exec(ref);
  if (templated) return { name: templated[1]!, version: templated[2], pin: 'exact' };
  if (!ref || PLACEHOLDER.test(ref) || !/^[a-z0-9][\w.\/:@-]{0,400}$/i.test(ref)) return undefined;
  const digest = ref.indexOf('@');
  if (digest >= 0) {
    const d = ref.slice(digest + 1);
    return { name: ref.slice(0, digest), version: d, pin: /^sha256:[0-9a-f]{64}$/i.test(d) ? 'exact' : 'tag' };
  }
  const slash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', slash + 1);
  if (colon < 0) return { name: ref, pin: 'none' };
  const tag = ref.slice(colon + 1);
  return { name: ref.slice(0, colon), version: tag, pin: tag === '' ? 'none' : tag.toLowerCase() === 'latest' ? 'tag' : 'exact' };
}

/** npx/bunx options that take a value as the next word. */
const NPX_VALUE_FLAGS = new Set(['-p', '--package', '-c', '--call', '--registry', '--cache', '--userconfig', '--prefix', '-w', '--workspace']);
const UVX_VALUE_FLAGS = new Set(['--from', '-w', '--with', '--with-editable', '--with-requirements', '-p', '--python', '--index', '--index-url', '-i', '--extra-index-url', '--default-index', '-f', '--find-links', '--directory', '--project', '--cache-dir', '--config-file', '--env-file', '--constraints', '-c', '--overrides', '--index-strategy', '--keyring-provider', '--refresh-package', '--reinstall-package', '--upgrade-package', '-P', '--exclude-newer', '--python-platform', '--color']);
const PIPX_VALUE_FLAGS = new Set(['--spec', '--python', '--index-url', '-i', '--pip-args', '--backend']);
const DOCKER_VALUE_FLAGS = new Set([
  '-e', '--env', '--env-file', '-v', '--volume', '--name', '-p', '--publish', '--network', '--net', '-w', '--workdir', '-u', '--user',
  '--mount', '--entrypoint', '-l', '--label', '--label-file', '--platform', '--pull', '-m', '--memory', '--cpus', '--add-host', '--cap-add',
  '--cap-drop', '--device', '-h', '--hostname', '--ipc', '--pid', '--dns', '--restart', '--runtime', '--security-opt', '--tmpfs', '--ulimit',
  '--shm-size', '--log-driver', '--log-opt', '--gpus', '--cidfile', '--cgroupns', '--expose', '--link', '--memory-swap', '--stop-signal',
  '--stop-timeout', '--userns', '--uts', '--volumes-from', '-a', '--attach', '--health-cmd', '--cpu-shares', '-c', '--group-add', '--ip',
  '--memory-reservation', '--cpuset-cpus', '--cpuset-mems', '--blkio-weight', '--oom-score-adj', '--storage-opt', '--sysctl', '--isolation',
  '--kernel-memory', '--mac-address', '--ip6', '--network-alias', '--pids-limit', '--domainname', '--dns-search', '--dns-option',
  '--device-cgroup-rule', '--health-interval', '--health-retries', '--health-timeout', '--health-start-period', '--cpu-period',
  '--cpu-quota', '--cpu-rt-period', '--cpu-rt-runtime', '--annotation', '--detach-keys', '--log-level', '--cgroup-parent',
]);

/** Index of the first positional word at or after `from`, skipping options (and their values). */
function positional(tokens: readonly Token[], from: number, valueFlags: ReadonlySet<string>): number {
  let i = from;
  while (i < tokens.length) {
    const v = tokens[i]!.value;
    if (v === '--') return i + 1 < tokens.length ? i + 1 : -1;
    if (!v.startsWith('-') || v === '-') return i;
    i += !v.includes('=') && valueFlags.has(v) ? 2 : 1;
  }
  return -1;
}

/** Find an option's value (`--from x` or `--from=x`) between `from` and the first positional word. */
function optionValue(tokens: readonly Token[], from: number, names: readonly string[], valueFlags: ReadonlySet<string>): Token | undefined {
  let i = from;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!t.value.startsWith('-') || t.value === '--') return undefined;
    for (const n of names) {
      if (t.value === n) return tokens[i + 1];
      if (t.value.startsWith(`${n}=`)) return { value: t.value.slice(n.length + 1), start: t.start + n.length + 1, end: t.end };
    }
    i += !t.value.includes('=') && valueFlags.has(t.value) ? 2 : 1;
  }
  return undefined;
}

function npmPackage(launcher: string, t: Token | undefined): LaunchedPackage | undefined {
  if (!t) return undefined;
  const spec = parseNpmSpec(t.value);
  if (!spec) return undefined;
  return { ecosystem: 'npm', launcher, name: spec.name, version: spec.version, pin: npmPin(spec.version), token: t };
}

function pyPackage(launcher: string, t: Token | undefined): LaunchedPackage | undefined {
  if (!t) return undefined;
  const spec = parsePySpec(t.value);
  if (!spec) return undefined;
  return { ecosystem: 'pypi', launcher, name: spec.name, version: spec.version, pin: pyPin(spec.op, spec.version), token: t };
}

/** The package or image a launcher command line fetches (the first launcher found: `cmd /c npx …` works too). */
export function launchedPackage(tokens: readonly Token[]): LaunchedPackage | undefined {
  for (let i = 0; i < tokens.length && i < 6; i++) {
    const prog = program(tokens[i]!.value);
    let at = i + 1;
    let launcher = prog;
    if ((prog === 'pnpm' || prog === 'yarn' || prog === 'npm') && (tokens[at]?.value === 'dlx' || (prog === 'npm' && tokens[at]?.value === 'exec'))) {
      launcher = `${prog} ${tokens[at]!.value}`;
      at++;
    } else if (prog === 'pipx' && tokens[at]?.value === 'run') {
      launcher = 'pipx run';
      at++;
    } else if (prog === 'uv' && tokens[at]?.value === 'tool' && tokens[at + 1]?.value === 'run') {
      launcher = 'uv tool run';
      at += 2;
    } else if ((prog === 'docker' || prog === 'podman') && tokens[at]?.value === 'run') {
      launcher = `${prog} run`;
      at++;
    } else if (!['npx', 'bunx', 'pnpx', 'uvx'].includes(prog)) continue;

    if (launcher === 'npx' || launcher === 'bunx' || launcher === 'pnpx' || launcher.endsWith(' dlx') || launcher === 'npm exec') {
      const pkgOpt = optionValue(tokens, at, ['--package', '-p'], NPX_VALUE_FLAGS);
      if (pkgOpt) return npmPackage(launcher, pkgOpt);
      const p = positional(tokens, at, NPX_VALUE_FLAGS);
      return p < 0 ? undefined : npmPackage(launcher, tokens[p]);
    }
    if (launcher === 'uvx' || launcher === 'uv tool run') {
      const from = optionValue(tokens, at, ['--from'], UVX_VALUE_FLAGS);
      if (from) return pyPackage(launcher, from);
      const p = positional(tokens, at, UVX_VALUE_FLAGS);
      return p < 0 ? undefined : pyPackage(launcher, tokens[p]);
    }
    if (launcher === 'pipx run') {
      const spec = optionValue(tokens, at, ['--spec'], PIPX_VALUE_FLAGS);
      if (spec) return pyPackage(launcher, spec);
      const p = positional(tokens, at, PIPX_VALUE_FLAGS);
      return p < 0 ? undefined : pyPackage(launcher, tokens[p]);
    }
    const p = positional(tokens, at, DOCKER_VALUE_FLAGS);
    if (p < 0) return undefined;
    const t = tokens[p]!;
    const img = parseImage(t.value);
    return img ? { ecosystem: 'docker', launcher, name: img.name, version: img.version, pin: img.pin, token: t } : undefined;
  }
  return undefined;
}
