import { findForeignSecretMarker, findSuppression, parseDirectives, type Directive } from './directives.ts';
import type {
  Fix, LintMessage, LintResult, PromptDocument, PromptlintSettings, ReportDescriptor, Rule, RuleContext, SuppressedMessage, TextSegment,
} from './types.ts';
import { LineIndex, rawRange } from './util/position.ts';
import { sanitize, type MaskOptions } from './util/mask.ts';
import { validateOptions } from './schema.ts';

export interface EnabledRule {
  readonly rule: Rule<any>;
  readonly severity: 1 | 2;
  readonly options?: Record<string, unknown>;
}

export interface EngineOptions {
  readonly settings?: PromptlintSettings;
  /** Honour inline directives (default true). */
  readonly allowInlineConfig?: boolean;
  /** Report directives that suppressed nothing: 0 off, 1 warn, 2 error. */
  readonly reportUnusedDisableDirectives?: 0 | 1 | 2;
  /** Apply fixes and return `output`. */
  readonly fix?: boolean;
  /** Cap on findings per file (default 1000). */
  readonly maxFindingsPerFile?: number;
  readonly mask?: MaskOptions;
  /** The lock entry of this file, for the pinned-content-drift rule (lock.ts). */
  readonly lock?: import('./lock.ts').FileLock;
}

/** Report a decoded range of a segment at its raw position in the file. */
export function segmentRange(segment: TextSegment, start: number, end: number): { start: number; end: number } {
  return rawRange(segment.map, start, end);
}

interface RawFinding {
  readonly rule: Rule<any>;
  readonly severity: 1 | 2;
  readonly report: ReportDescriptor;
}

function format(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

function toRange(fix: Fix, text: string): { range: [number, number]; text: string } | undefined {
  const edits = [...fix.edits].sort((a, b) => a.start - b.start);
  if (!edits.length) return undefined;
  for (let i = 1; i < edits.length; i++) if (edits[i]!.start < edits[i - 1]!.end) return undefined;
  const start = edits[0]!.start;
  const end = edits[edits.length - 1]!.end;
  let out = '';
  let pos = start;
  for (const e of edits) {
    const copied = text.slice(pos, e.start);
    // File text copied between edits goes to the output: a fix that would carry a secret there is dropped.
    if (copied && sanitize(copied) !== copied) return undefined;
    out += copied + e.text;
    pos = e.end;
  }
  return { range: [start, end], text: out };
}

/** Run enabled rules over a parsed document and build an ESLint-shaped result. */
export function lintDocument(doc: PromptDocument, enabled: readonly EnabledRule[], options: EngineOptions = {}): LintResult {
  const text = doc.file.text;
  const lines = new LineIndex(text);
  const findings: RawFinding[] = [];
  const internal: LintMessage[] = [];
  const settings = options.settings ?? {};
  const cap = options.maxFindingsPerFile ?? 1000;
  let capped = false;

  for (const { rule, severity, options: ruleOptions } of enabled) {
    const merged = { ...(rule.meta.defaultOptions ?? {}), ...(ruleOptions ?? {}) };
    const context: RuleContext<any> = {
      document: doc,
      options: merged,
      settings,
      lock: options.lock,
      report(report) {
        if (findings.length >= cap) {
          capped = true;
          return;
        }
        findings.push({ rule, severity, report });
      },
    };
    try {
      if (rule.checkSegment) {
        for (const segment of doc.segments) {
          if (rule.contexts && !rule.contexts.includes(segment.context) && segment.context !== 'raw') continue;
          rule.checkSegment(segment, context);
        }
      }
      rule.checkDocument?.(doc, context);
    } catch (e) {
      internal.push({ ruleId: rule.meta.id, severity: 2, fatal: true, message: `Internal error in rule ${rule.meta.id}: ${(e as Error).message}`, line: 1, column: 1 });
    }
  }

  const directives = options.allowInlineConfig === false ? [] : parseDirectives(doc.comments, lines);
  const used = new Set<Directive>();
  const messages: LintMessage[] = [...internal];
  const suppressed: SuppressedMessage[] = [];
  const seen = new Set<string>();

  if (doc.parseError) {
    const loc = lines.locate(doc.parseError.offset);
    messages.push({ ruleId: null, fatal: true, severity: 2, message: `Parsing error: ${sanitize(doc.parseError.message, options.mask)}`, line: loc.line, column: loc.column });
  }

  // Many findings of one file share a message (the same sequence, the same phrase): mask each distinct text once.
  const sanitized = new Map<string, string>();
  const sanitizeOnce = (text: string): string => {
    let v = sanitized.get(text);
    if (v === undefined) sanitized.set(text, (v = sanitize(text, options.mask)));
    return v;
  };
  for (const f of findings) {
    const { rule, report } = f;
    const start = Math.max(0, Math.min(report.start, text.length));
    const end = Math.max(start, Math.min(report.end, text.length));
    const key = `${rule.meta.id}:${start}:${end}:${report.messageId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const template = rule.meta.messages[report.messageId] ?? report.messageId;
    const loc = lines.locate(start);
    const endLoc = lines.locate(end);
    const msg: LintMessage = {
      ruleId: rule.meta.id,
      category: rule.meta.category,
      severity: f.severity,
      securitySeverity: report.securitySeverity ?? rule.meta.securitySeverity,
      message: sanitizeOnce(format(template, report.data)),
      messageId: report.messageId,
      line: loc.line,
      column: loc.column,
      endLine: endLoc.line,
      endColumn: endLoc.column,
    };
    if (report.fix) {
      const fix = toRange(report.fix, text);
      if (fix) msg.fix = fix;
    }
    if (report.suggestions?.length) {
      msg.suggestions = report.suggestions.flatMap((s) => {
        const fix = toRange(s.fix, text);
        return fix ? [{ desc: sanitize(s.desc, options.mask), fix }] : [];
      });
    }
    const d = findSuppression(directives, rule.meta.id, loc.line, start)
      ?? (rule.meta.category === 'secrets' && options.allowInlineConfig !== false ? findForeignSecretMarker(text, lines, loc.line) : undefined);
    if (d) {
      used.add(d);
      suppressed.push({ ...msg, suppressions: [{ kind: 'directive', justification: sanitize(d.justification, options.mask) }] });
    } else messages.push(msg);
  }

  if (capped) messages.push({ ruleId: null, severity: 1, message: `Too many findings: only the first ${cap} are reported`, line: 1, column: 1 });

  const unused = options.reportUnusedDisableDirectives ?? 0;
  if (unused) {
    for (const d of directives) {
      if (d.type === 'enable' || used.has(d)) continue;
      const loc = lines.locate(d.start);
      const endLoc = lines.locate(d.end);
      messages.push({
        ruleId: null,
        severity: unused,
        message: d.rules.length
          ? `Unused promptlint-${d.type} directive (no problems were reported from ${d.rules.map((r) => `'${r}'`).join(', ')}).`
          : `Unused promptlint-${d.type} directive (no problems were reported).`,
        line: loc.line,
        column: loc.column,
        endLine: endLoc.line,
        endColumn: endLoc.column,
      });
    }
  }

  messages.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));
  suppressed.sort((a, b) => a.line - b.line || a.column - b.column);

  const result: LintResult = {
    filePath: doc.file.path,
    messages,
    suppressedMessages: suppressed,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    fixableErrorCount: messages.filter((m) => m.severity === 2 && m.fix).length,
    fixableWarningCount: messages.filter((m) => m.severity === 1 && m.fix).length,
    format: doc.format,
    kind: doc.kind,
  };
  if (options.fix) {
    const output = applyFixes(text, messages);
    if (output !== text) result.output = output;
  }
  return result;
}

/** Apply non-overlapping fixes in order (ESLint's single-pass algorithm). */
export function applyFixes(text: string, messages: readonly LintMessage[]): string {
  const fixes = messages.filter((m) => m.fix).map((m) => m.fix!).sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let pos = 0;
  for (const f of fixes) {
    if (f.range[0] < pos) continue;
    out += text.slice(pos, f.range[0]) + f.text;
    pos = f.range[1];
  }
  return out + text.slice(pos);
}

export { validateOptions };
