import type { DocumentNode, SegmentContext } from '../types.ts';
import { walkStrings, type JNode } from './tree.ts';

/**
 * What the kind-specific extractors produce for one structured document: typed nodes, and the context of
 * the strings they understood (a Dify system prompt, a Langflow `code` field). Every other string keeps
 * the kind's default context.
 */
export class Extraction {
  readonly nodes: DocumentNode[] = [];
  readonly contexts = new Map<JNode, SegmentContext>();
  /** Subtrees the generic model search must not read (owned by a specific extractor, or inert data). */
  readonly claimed = new Set<JNode>();

  /** Set the context of one string (no-op for anything else). */
  context(n: JNode | undefined, ctx: SegmentContext): void {
    if (n?.kind === 'string') this.contexts.set(n, ctx);
  }

  /** Set the context of every string under `n`. */
  contextDeep(n: JNode | undefined, ctx: SegmentContext): void {
    walkStrings(n, (s) => this.contexts.set(s, ctx));
  }
}
