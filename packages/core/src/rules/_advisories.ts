/**
 * Known-vulnerable MCP server and bridge packages. One row per advisory; add a row to extend the table.
 * Ranges are written as `>=a.b.c <x.y.z` (either bound may be left out) and compared with `inRange` below,
 * a small semver comparison written for this table (no dependency, no pre-release ordering beyond "before").
 */
import type { Ecosystem } from './_launchers.ts';

export interface Advisory {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  /** Vulnerable versions: `>=0.0.5 <0.1.16`. */
  readonly range: string;
  readonly fixed: string;
  readonly id: string;
  readonly cvss: number;
  readonly summary: string;
}

export const ADVISORIES: readonly Advisory[] = [
  {
    ecosystem: 'npm',
    name: 'mcp-remote',
    range: '>=0.0.5 <0.1.16',
    fixed: '0.1.16',
    id: 'CVE-2025-6514',
    cvss: 9.6,
    summary: 'OS command injection: a malicious remote server\'s OAuth authorization_endpoint runs commands on the client',
  },
  {
    ecosystem: 'npm',
    name: '@modelcontextprotocol/inspector',
    range: '<0.14.1',
    fixed: '0.14.1',
    id: 'CVE-2025-49596',
    cvss: 9.4,
    summary: 'the Inspector proxy accepts unauthenticated requests, so a web page can make it run commands',
  },
];

type Version = readonly [number, number, number, boolean];

/** `1.2.3`, `v1.2.3`, `1.2.3-beta.1` (pre-release sorts before the release). Undefined when not a version. */
export function parseVersion(v: string): Version | undefined {
  const m = /^v?(\d{1,9})\.(\d{1,9})\.(\d{1,9})(-[0-9A-Za-z.-]{1,80})?(?:\+[0-9A-Za-z.-]{1,80})?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), !!m[4]] : undefined;
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a[3] === b[3] ? 0 : a[3] ? -1 : 1;
}

/** Whether `version` satisfies a space-separated list of `>=`, `>`, `<=`, `<`, `=` comparators. */
export function inRange(version: string, range: string): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  for (const part of range.trim().split(/\s+/)) {
    const m = /^(>=|<=|>|<|=)?(.+)$/.exec(part);
    const bound = m && parseVersion(m[2]!);
    if (!m || !bound) return false;
    const c = compareVersions(v, bound);
    const op = m[1] ?? '=';
    if (!(op === '>=' ? c >= 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : op === '<' ? c < 0 : c === 0)) return false;
  }
  return true;
}

export function advisoriesFor(ecosystem: Ecosystem, name: string): Advisory[] {
  const n = ecosystem === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
  return ADVISORIES.filter((a) => a.ecosystem === ecosystem && a.name === n);
}
