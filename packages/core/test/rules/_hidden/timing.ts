import { lintDocument, type PromptDocument, type Rule, type SegmentContext } from '@promptlint/core';

/**
 * Milliseconds one rule takes on `text` as a single segment, without the format adapter (the Markdown parser has
 * its own cost on adversarial input; the rule's own regexes must stay linear).
 */
export function ruleMillis(rule: Rule<any>, text: string, context: SegmentContext = 'prose'): number {
  const doc: PromptDocument = {
    file: { path: 'adversarial.md', text },
    format: 'markdown',
    kind: 'prompt',
    segments: [{ value: text, context, path: [], map: { base: 0 } }],
    nodes: [],
    comments: [],
  };
  const t0 = performance.now();
  lintDocument(doc, [{ rule, severity: 2 }]);
  return performance.now() - t0;
}
