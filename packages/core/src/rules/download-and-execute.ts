import type { PromptDocument, Rule, SecuritySeverity, TextSegment } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { rawRange } from '../util/position.ts';
import { commandLine } from './_launchers.ts';
import { isInstructionFile } from './_injection-context.ts';
import { DEFENSIVE } from './_tool-text.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * A command that downloads code and runs it in one step, so nothing reviews what arrives: `curl … | sh`,
 * `wget -qO- … | bash`, `iwr … | iex`, `iex (irm …)`, `bash -c "$(curl …)"`, `sh <(curl …)`, `python -c "$(curl …)"`,
 * `eval "$(wget -O- …)"`; and reverse shells (`nc -e /bin/sh host port`, `/dev/tcp/host/port`). Read in MCP server command lines, agent and tool config strings, and Markdown (prose and
 * code fences). Text that warns against the pattern ("never pipe curl into sh") is not reported.
 *
 * securitySeverity: `critical` in an MCP server command line or a tool description; `high` in instruction and rules
 * files (AGENTS.md, SKILL.md, .cursorrules, …), system messages, agent instructions and config strings; `medium` in
 * the prose of other Markdown; `low` in a code fence of other Markdown (a README install snippet).
 */
export const downloadAndExecute: Rule = {
  meta: {
    id: 'download-and-execute',
    category: 'supply-chain',
    type: 'problem',
    docs: {
      description: 'Commands that pipe a download into a shell or interpreter (curl | sh, iwr | iex, bash -c "$(curl …)")',
      preset: 'recommended',
      url: docsUrl('download-and-execute'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'high',
    messages: {
      mcp: "MCP server '{{name}}' downloads code{{from}} and runs it ({{shape}}): whoever controls that URL runs commands on every machine that starts the server.",
      mcpReverseShell: "MCP server '{{name}}' opens a reverse shell: a remote host gets an interactive shell on every machine that starts the server.",
      text: 'Download-and-execute{{from}} ({{shape}}): {{where}} runs whatever the URL serves at that moment, unreviewed.',
      reverseShell: 'Reverse shell ({{shape}}): {{where}} hands a remote host an interactive shell on this machine.',
    },
  },
  checkSegment(segment, context) {
    const doc = context.document;
    if (segment.context === 'key' || segment.context === 'comment') return;
    if (mcpFieldStarts(doc).has(rawRange(segment.map, 0, 0).start)) return;
    for (const hit of findDownloadExecute(segment.value)) {
      if (isWarning(segment.value, hit.start)) continue;
      const r = segmentRange(segment, hit.start, hit.end);
      const { severity, where } = weigh(segment, doc);
      const reverse = hit.shape === 'a reverse shell';
      context.report({ messageId: reverse ? 'reverseShell' : 'text', data: { from: fromHost(hit.text), shape: hit.shape, where }, start: r.start, end: r.end, securitySeverity: severity });
    }
  },
  checkDocument(doc, context) {
    for (const node of doc.nodes) {
      if (node.type !== 'mcp-server') continue;
      const line = commandLine(node);
      for (const hit of findDownloadExecute(line.text)) {
        const r = line.raw(hit.start, hit.end);
        context.report({ messageId: hit.shape === 'a reverse shell' ? 'mcpReverseShell' : 'mcp', data: { name: node.name, from: fromHost(hit.text), shape: hit.shape }, start: r.start, end: r.end, securitySeverity: 'critical' });
      }
    }
  },
};

const fieldCache = new WeakMap<PromptDocument, Set<number>>();

/** Raw starts of MCP `command` and `args` strings: the document check reads those as one command line. */
function mcpFieldStarts(doc: PromptDocument): Set<number> {
  let set = fieldCache.get(doc);
  if (!set) {
    set = new Set();
    for (const n of doc.nodes) {
      if (n.type !== 'mcp-server') continue;
      if (n.command) set.add(n.command.start);
      for (const a of n.args) set.add(a.start);
    }
    fieldCache.set(doc, set);
  }
  return set;
}

function weigh(segment: TextSegment, doc: PromptDocument): { severity: SecuritySeverity; where: string } {
  switch (segment.context) {
    case 'tool-description':
      return { severity: 'critical', where: 'a tool description the model trusts' };
    case 'system-message':
    case 'instructions':
      return { severity: 'high', where: 'an agent following these instructions' };
    case 'config-value':
    case 'message':
    case 'front-matter':
      return { severity: 'high', where: 'an agent using this config' };
    default:
      break;
  }
  if (isInstructionFile(doc.file.path) || AGENT_RUN.test(doc.file.path.replace(/\\/g, '/'))) return { severity: 'high', where: 'an agent reading this instruction file' };
  if (segment.context === 'code') return { severity: 'low', where: 'whoever copies this snippet' };
  return { severity: 'medium', where: 'an agent or reader following this text' };
}

/** Files an agent runs as a task: prompt files, slash commands, agent and skill folders. */
const AGENT_RUN = /\.prompt\.md$|(?:^|\/)\.claude\/(?:commands|agents|skills)\/|(?:^|\/)\.github\/(?:prompts|agents|chatmodes|instructions)\//i;

export interface DownloadExecute {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly shape: string;
}

const SHELL = String.raw`(?:sh|bash|zsh|dash|ksh|fish|python[0-9.]{0,4}|py|node|deno|perl|ruby|php|iex|invoke-expression|pwsh|powershell(?:\.exe)?|cmd(?:\.exe)?)`;
/** After a pipe: a shell reads the script from stdin; an interpreter with an option (`python -m json.tool`) reads data. */
const PIPE_TARGET = String.raw`(?:(?:sh|bash|zsh|dash|ksh|fish|iex|invoke-expression|pwsh|powershell|cmd)(?:\.exe)?(?![\w-]|\.\w)|(?:python[0-9.]{0,4}|py|node|deno|perl|ruby|php)(?![\w-]|\.\w)(?![ \t]{1,8}-[\w-]))`;
const FETCH = String.raw`(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod)`;
/** `curl … | sh`: a fetcher, then a single pipe (not `||`) to a shell, on one line. */
const PIPE = new RegExp(String.raw`(?<![\w.-])${FETCH}(?:\.exe)?(?![\w-])[^\n|]{1,256}\|(?!\|)[ \t]{0,8}(?:sudo[ \t]{1,8}(?:-[\w-]{1,12}[ \t]{1,8}){0,3})?(?:env[ \t]{1,8})?${PIPE_TARGET}`, 'gi');
/** `iex (irm …)`, `iex (New-Object Net.WebClient).DownloadString(…)`. */
const IEX = new RegExp(String.raw`(?<![\w.-])(?:iex|invoke-expression)[ \t]{0,8}\(?[ \t]{0,8}\(?[ \t]{0,8}(?:${FETCH}|new-object[ \t]{1,8}(?:system\.)?net\.webclient)(?![\w-])`, 'gi');
/** `bash -c "$(curl …)"`, `python -c "$(wget …)"`, `eval "$(curl …)"`. */
const SUBST = new RegExp(String.raw`(?<![\w.-])(?:${SHELL}(?:[ \t]{1,8}-[a-z]{1,5}){0,3}[ \t]{1,8}-[ce]|eval)[ \t]{1,8}["']?[ \t]{0,4}(?:\$\(|\`)[ \t]{0,4}(?:curl|wget)(?![\w-])`, 'gi');
/** `sh <(curl …)`, `source <(curl …)`, `. <(wget …)`. */
const PROC = new RegExp(String.raw`(?<![\w.-])(?:${SHELL}|source|\.)[ \t]{1,8}<\([ \t]{0,4}(?:curl|wget)(?![\w-])`, 'gi');

/** A reverse shell: `nc -e /bin/sh host port`, `bash -i >& /dev/tcp/host/port 0>&1`. */
const REVERSE = /(?<![\w.-])(?:(?:nc|ncat|netcat)(?:\.exe)?(?:[ \t]{1,8}[\w.:-]{1,64}){0,4}[ \t]{1,8}-[a-z]{0,4}[ec][ \t]{1,8}(?:(?:\/(?:usr\/)?bin\/)?(?:ba|z|da|k)?sh|cmd|powershell)(?:\.exe)?(?![\w-])|\/dev\/(?:tcp|udp)\/[\w.-]{1,253}\/\d{1,5})/gi;

/** Words one of SHAPES must contain (a keyword prefilter: looser than the shapes, never stricter). */
const KEYWORDS = /curl|wget|iwr|irm|invoke-|netcat|ncat|\/dev\/(?:tcp|udp)\/|(?<![\w.-])(?:iex|nc)(?![\w-])/i;

const SHAPES: readonly [RegExp, string][] = [
  [PIPE, 'piped into a shell'],
  [REVERSE, 'a reverse shell'],
  [IEX, 'passed to Invoke-Expression'],
  [SUBST, 'run through command substitution'],
  [PROC, 'run through process substitution'],
];

/** Every download-and-execute command in `text`, in order, without overlaps. */
export function findDownloadExecute(text: string): DownloadExecute[] {
  const out: DownloadExecute[] = [];
  // Every shape names a fetcher, an evaluator or a netcat/`/dev/tcp` reverse shell: one cheap pass first.
  if (!KEYWORDS.test(text)) return out;
  for (const [re, shape] of SHAPES) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      let end = m.index + m[0].length;
      if (re !== PIPE && re !== REVERSE) end = lineEnd(text, end);
      const hit = text.slice(m.index, end);
      if (!isConcrete(hit, re === REVERSE || re === IEX ? text.slice(end, lineEnd(text, end, false)) : '')) continue;
      out.push({ start: m.index, end, text: hit, shape });
    }
  }
  out.sort((a, b) => a.start - b.start);
  return out.filter((h, i) => i === 0 || h.start >= out[i - 1]!.end);
}

/** End of the substituted command: its closing parenthesis on the same line, else the line's end (bounded). */
function lineEnd(text: string, from: number, parens = true): number {
  let depth = 1;
  const limit = Math.min(text.length, from + 256);
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '\n') return i;
    if (!parens) continue;
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return limit;
}

/** A URL, a host or file name (`get.example.com`, `install.sh`) or a variable (`$URL`): not prose naming the pattern. */
const TARGET = /https?:\/\/|(?<![\w.-])[\w-]{1,63}\.[a-z][a-z0-9]{1,23}(?![\w-])|\$\{?[A-Za-z_]|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/i;

/** Whether a hit names what it fetches (docs write `curl … | sh`); a reverse shell needs a port on its line. */
function isConcrete(hit: string, rest: string): boolean {
  if (/^(?:nc|ncat|netcat)/i.test(hit)) return /(?<![\w.])\d{2,5}(?![\w.])/.test(hit + ' ' + rest);
  if (/^\/dev\//.test(hit)) return true;
  return TARGET.test((hit + ' ' + rest).replace(/(?:system\.)?net\.webclient\)?(?:\.download(?:string|data|file))?/gi, ''));
}

const URL_HOST = /https?:\/\/(?:[^\s/@'"`|)]{1,100}@)?([^\s/:?#'"`|)]{1,253})/i;

function fromHost(command: string): string {
  const m = URL_HOST.exec(command);
  return m ? ` from '${m[1]}'` : '';
}

const NEGATION = /\b(?:never|not|don['’]?t|avoid|instead\s+of|rather\s+than|refuse|block|forbid(?:den)?|dangerous|unsafe|insecure|risky|bad\s+practice)\b/i;

/** Text warning against the pattern: a negation or defensive cue earlier in the same sentence or line. */
function isWarning(text: string, start: number): boolean {
  const from = Math.max(0, start - 200);
  let s = from;
  for (let i = start - 1; i >= from; i--) {
    const c = text[i];
    if (c === '\n' && text[i - 1] === '\n') { s = i + 1; break; }
    if ((c === '.' || c === '!' || c === '?') && /\s/.test(text[i + 1] ?? '')) { s = i + 1; break; }
  }
  const before = text.slice(s, start);
  return NEGATION.test(before) || DEFENSIVE.test(before);
}

/** For tests: the keyword prefilter must let through everything a shape matches. */
export const DOWNLOAD_EXECUTE_PATTERNS = { keywords: KEYWORDS, shapes: SHAPES.map(([re]) => re) } as const;
