import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, type LintMessage, type LintResult, type SecuritySeverity, type SkippedFile } from '@promptlint/core';

const SECURITY_SCORE: Record<SecuritySeverity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

export interface SarifOptions {
  readonly cwd: string;
  readonly version: string;
  readonly skipped?: readonly SkippedFile[];
}

function artifactUri(cwd: string, file: string): { uri: string; uriBaseId?: string } {
  const rel = relative(cwd, file).split('\\').join('/');
  if (rel && !rel.startsWith('../') && rel !== '..') return { uri: encodeURI(rel), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(file).href };
}

/** Fingerprint that survives line moves: rule + file + the finding's message + its occurrence index. */
function fingerprint(rel: string, m: LintMessage, occurrence: number): string {
  return createHash('sha256').update(`${m.ruleId}\0${rel}\0${m.message}\0${occurrence}`).digest('hex').slice(0, 32);
}

/**
 * SARIF 2.1.0 accepted by GitHub code scanning: rules with help URIs and `security-severity`, relative
 * artifact URIs against %SRCROOT%, UTF-16 columns, `partialFingerprints`, in-source suppressions, and the
 * files that were skipped as tool execution notifications.
 */
export function formatSarif(results: readonly LintResult[], options: SarifOptions): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id, i]));
  const sarifResults: unknown[] = [];
  const toSarif = (r: LintResult, m: LintMessage, suppressed?: { justification: string }) => {
    const loc = artifactUri(options.cwd, r.filePath);
    const rel = loc.uri;
    const key = `${m.ruleId}\0${rel}\0${m.message}`;
    const occurrence = (counts.get(key) ?? 0) + 1;
    counts.set(key, occurrence);
    const region: Record<string, number> = { startLine: m.line, startColumn: m.column };
    if (m.endLine !== undefined) region.endLine = m.endLine;
    if (m.endColumn !== undefined) region.endColumn = m.endColumn;
    const out: Record<string, unknown> = {
      ruleId: m.ruleId ?? 'promptlint/parse-error',
      level: m.severity === 2 ? 'error' : 'warning',
      message: { text: m.message },
      locations: [{ physicalLocation: { artifactLocation: loc, region } }],
      partialFingerprints: { 'promptlint/v1': fingerprint(rel, m, occurrence) },
    };
    const idx = m.ruleId ? ruleIndex.get(m.ruleId) : undefined;
    if (idx !== undefined) out.ruleIndex = idx;
    const props: Record<string, unknown> = {};
    if (m.category) props.category = m.category;
    if (m.securitySeverity) props['security-severity'] = SECURITY_SCORE[m.securitySeverity];
    if (Object.keys(props).length) out.properties = props;
    if (suppressed) out.suppressions = [{ kind: 'inSource', justification: suppressed.justification || undefined }];
    sarifResults.push(out);
  };
  const counts = new Map<string, number>();
  for (const r of results) {
    for (const m of r.messages) toSarif(r, m);
    for (const m of r.suppressedMessages) toSarif(r, m, { justification: m.suppressions[0]?.justification ?? '' });
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'promptlint',
            version: options.version,
            semanticVersion: options.version,
            informationUri: 'https://github.com/promptlint/promptlint',
            rules: RULES.map((r) => ({
              id: r.meta.id,
              name: r.meta.id.replace(/(^|-)(\w)/g, (_m, _d, ch: string) => ch.toUpperCase()),
              shortDescription: { text: r.meta.docs.description },
              fullDescription: { text: r.meta.docs.description },
              helpUri: r.meta.docs.url,
              help: { text: `${r.meta.docs.description}. See ${r.meta.docs.url}`, markdown: `${r.meta.docs.description}. [Documentation](${r.meta.docs.url})` },
              defaultConfiguration: { level: r.meta.defaultSeverity === 'error' ? 'error' : 'warning' },
              properties: {
                tags: ['security', r.meta.category],
                category: r.meta.category,
                precision: 'high',
                'security-severity': SECURITY_SCORE[r.meta.securitySeverity],
              },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(options.cwd.endsWith('/') ? options.cwd : `${options.cwd}/`).href } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: (options.skipped ?? []).map((s) => ({
              level: 'note',
              message: { text: `Skipped: ${s.reason}` },
              locations: [{ physicalLocation: { artifactLocation: artifactUri(options.cwd, s.filePath) } }],
            })),
          },
        ],
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
