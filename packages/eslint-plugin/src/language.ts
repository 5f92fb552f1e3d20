/**
 * The ESLint language `promptlint/prompt`: prompt, instruction, agent and MCP config files read through the
 * core's format sniffing and adapters. The AST is a thin wrapper over the core's `PromptDocument`; the
 * wrapped core rules read the document from the root node, so no format logic lives here.
 */
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from '@eslint/plugin-kit';
import {
  FORMAT_IDS, LineIndex, parseDocument, sanitize, segmentRange, sniffFormat,
  type CommentNode, type DocumentNode, type FormatId, type PromptDocument, type TextSegment,
} from '@promptlint/core';

export interface Position {
  line: number;
  column: number;
}
export interface SourceLocation {
  start: Position;
  end: Position;
}

interface BaseNode {
  type: string;
  loc: SourceLocation;
  range: [number, number];
}

/** A piece of text the model reads (a core segment), with its raw range in the file. */
export interface SegmentNode extends BaseNode {
  type: 'Segment';
  context: TextSegment['context'];
  path: readonly (string | number)[];
  value: string;
  segment: TextSegment;
}

/** A typed structure of the core model (`Model`, `McpServer`, `Tool`, `PromptMessage`, `Link`). */
export interface StructureNode extends BaseNode {
  type: 'Model' | 'McpServer' | 'Tool' | 'PromptMessage' | 'Link';
  node: DocumentNode;
}

/** A comment (Markdown/HTML, YAML `#`, JSONC `//` and block comments, Handlebars). */
export interface CommentAstNode extends BaseNode {
  type: 'Comment';
  value: string;
}

export interface PromptRoot extends BaseNode {
  type: 'Document';
  format: FormatId;
  kind: PromptDocument['kind'];
  children: (SegmentNode | StructureNode)[];
  comments: CommentAstNode[];
  /** The core document the wrapped rules run on. */
  document: PromptDocument;
}

export type PromptNode = PromptRoot | SegmentNode | StructureNode;

export interface PromptLanguageOptions {
  /** Force an adapter (as the CLI's `--parser`); by default the format is sniffed from the path and content. */
  format?: FormatId;
}

/** Line breaks as the core counts them (CRLF, LF, lone CR), so ESLint and the CLI agree on every line. */
const LINE_ENDING = /\r\n|[\r\n]/u;

const STRUCTURE_TYPES: Record<DocumentNode['type'], StructureNode['type']> = {
  model: 'Model',
  'mcp-server': 'McpServer',
  tool: 'Tool',
  'prompt-message': 'PromptMessage',
  link: 'Link',
};

function locOf(lines: LineIndex, start: number, end: number): SourceLocation {
  return { start: lines.locate(start), end: lines.locate(end) };
}

/** Build the ESLint AST over a parsed core document. Linear in the number of segments, nodes and comments. */
export function toAst(doc: PromptDocument, lines: LineIndex = new LineIndex(doc.file.text)): PromptRoot {
  const text = doc.file.text;
  const children: (SegmentNode | StructureNode)[] = [];
  for (const segment of doc.segments) {
    const r = segmentRange(segment, 0, segment.value.length);
    children.push({ type: 'Segment', context: segment.context, path: segment.path, value: segment.value, segment, range: [r.start, r.end], loc: locOf(lines, r.start, r.end) });
  }
  for (const node of doc.nodes) {
    children.push({ type: STRUCTURE_TYPES[node.type], node, range: [node.start, node.end], loc: locOf(lines, node.start, node.end) });
  }
  children.sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);
  const comments = doc.comments.map((c: CommentNode): CommentAstNode => ({ type: 'Comment', value: c.value, range: [c.start, c.end], loc: locOf(lines, c.start, c.end) }));
  return { type: 'Document', format: doc.format, kind: doc.kind, children, comments, document: doc, range: [0, text.length], loc: locOf(lines, 0, text.length) };
}

const commentParser = new ConfigCommentParser();

/** More ids than any real directive lists: a larger list is refused rather than expanded. */
const MAX_DIRECTIVE_IDS = 100;

/** `eslint-…` and `promptlint-…` directive labels, and ESLint's inline `eslint` config. */
const DIRECTIVE_START = /^\s*(?:eslint|promptlint)(?:-enable|-disable(?:-next-line|-line)?)?(?:\s|$)/u;

/** The directive text of a comment, without a Markdown comment's closing `-->`. */
function directiveText(value: string): string {
  // trimEnd + endsWith, not a regex: a comment of a million spaces must stay linear.
  let v = value.trimEnd();
  if (v.endsWith('-->')) v = v.slice(0, -3);
  return v.trim();
}

/** Qualify bare rule ids of a `promptlint-*` directive (`no-x` → `promptlint/no-x`); others are ESLint's to resolve. */
function qualify(list: string): string {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((id) => (id.includes('/') ? id : `promptlint/${id}`))
    .join(', ');
}

export class PromptSourceCode extends TextSourceCodeBase<any> {
  declare ast: PromptRoot;
  readonly document: PromptDocument;
  #steps: VisitNodeStep[] | undefined;
  readonly #parents = new WeakMap<object, PromptNode | undefined>();

  constructor({ text, ast }: { text: string; ast: PromptRoot }) {
    super({ text, ast, lineEndingPattern: LINE_ENDING });
    this.ast = ast;
    this.document = ast.document;
  }

  override getParent(node: object): any {
    if (!this.#steps) this.traverse();
    return this.#parents.get(node);
  }

  /** Comments that hold `eslint-*` / `promptlint-*` directives or inline `eslint` config. */
  getInlineConfigNodes(): CommentAstNode[] {
    return this.ast.comments.filter((c) => DIRECTIVE_START.test(directiveText(c.value)));
  }

  getDisableDirectives(): { problems: { ruleId: null; message: string; loc: SourceLocation }[]; directives: Directive[] } {
    const problems: { ruleId: null; message: string; loc: SourceLocation }[] = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const text = directiveText(comment.value);
      const ours = /^\s*promptlint-/u.test(text);
      const parsed = commentParser.parseDirective(ours ? text.replace(/^\s*promptlint-/u, 'eslint-') : text);
      if (!parsed) continue;
      const { label, justification } = parsed;
      let value = parsed.value;
      if (label === 'eslint-disable-line' && comment.loc.start.line !== comment.loc.end.line) {
        problems.push({ ruleId: null, message: `${ours ? 'promptlint' : 'eslint'}-disable-line comment should not span multiple lines.`, loc: comment.loc });
        continue;
      }
      if (label !== 'eslint-disable' && label !== 'eslint-enable' && label !== 'eslint-disable-line' && label !== 'eslint-disable-next-line') continue;
      const type = label.slice('eslint-'.length) as Directive['type'];
      const ids = value.split(',').map((id) => id.trim()).filter(Boolean);
      if (!ours || ids.length < 2 || ids.every((id) => id.includes('/'))) {
        // ESLint removes an unused directive by its node's range: the whole comment, or one id of the list it finds
        // in the source text (so the value must be written as it stands: qualified ids only for a single rule).
        directives.push(new Directive({ type, node: comment, value: ours ? qualify(value) : value, justification }));
        continue;
      }
      if (ids.length > MAX_DIRECTIVE_IDS) {
        problems.push({ ruleId: null, message: `promptlint-${type} comment names ${ids.length} rules; at most ${MAX_DIRECTIVE_IDS} are read.`, loc: comment.loc });
        continue;
      }
      // Several bare ids: the qualified list is not in the source, so ESLint could not find an unused id in it.
      // One directive per id instead, located at the comment (lines) and ranged over the id (its removal).
      let cursor = comment.range[0] + Math.max(0, this.text.slice(comment.range[0], comment.range[1]).indexOf(value.trim()));
      for (const id of ids) {
        const at = this.text.indexOf(id, cursor);
        const range: [number, number] = at >= 0 && at < comment.range[1] ? [at, at + id.length] : comment.range;
        if (at >= 0) cursor = at + id.length;
        directives.push(new Directive({ type, node: { type: 'Comment', value: comment.value, loc: comment.loc, range }, value: qualify(id), justification }));
      }
    }
    return { problems, directives };
  }

  applyInlineConfig(): { configs: { config: { rules: Record<string, unknown> }; loc: SourceLocation }[]; problems: { ruleId: null; message: string; loc: SourceLocation }[] } {
    const configs: { config: { rules: Record<string, unknown> }; loc: SourceLocation }[] = [];
    const problems: { ruleId: null; message: string; loc: SourceLocation }[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(directiveText(comment.value));
      if (!parsed || parsed.label !== 'eslint') continue;
      const result = commentParser.parseJSONLikeConfig(parsed.value);
      if (result.ok) configs.push({ config: { rules: result.config as Record<string, unknown> }, loc: comment.loc });
      else problems.push({ ruleId: null, message: (result as { error: { message: string } }).error.message, loc: comment.loc });
    }
    return { configs, problems };
  }

  traverse(): Iterable<VisitNodeStep> {
    if (this.#steps) return this.#steps.values();
    const steps: VisitNodeStep[] = (this.#steps = []);
    const root = this.ast;
    this.#parents.set(root, undefined);
    steps.push(new VisitNodeStep({ target: root, phase: 1, args: [root, undefined] }));
    for (const child of root.children) {
      this.#parents.set(child, root);
      steps.push(new VisitNodeStep({ target: child, phase: 1, args: [child, root] }));
      steps.push(new VisitNodeStep({ target: child, phase: 2, args: [child, root] }));
    }
    steps.push(new VisitNodeStep({ target: root, phase: 2, args: [root, undefined] }));
    return steps.values();
  }
}

interface EslintFile {
  path: string;
  physicalPath?: string;
  bom?: boolean;
  body: string | Uint8Array;
}

type ParseResult = { ok: true; ast: PromptRoot } | { ok: false; errors: { message: string; line: number; column: number }[] };

/** Path used for sniffing: ESLint's `<text>` (no filename given) reads as Markdown, as the CLI's stdin does. */
function sniffPath(path: string): string {
  return path === '<text>' || path === '<input>' ? 'stdin.md' : path;
}

export const promptLanguage = {
  fileType: 'text' as const,
  lineStart: 1 as const,
  columnStart: 1 as const,
  nodeTypeKey: 'type',
  visitorKeys: { Document: ['children'], Segment: [], Model: [], McpServer: [], Tool: [], PromptMessage: [], Link: [], Comment: [] } as Record<string, string[]>,
  defaultLanguageOptions: {} as PromptLanguageOptions,

  validateLanguageOptions(options: PromptLanguageOptions | undefined): void {
    // Other keys are ignored: configs without `files` (typescript-eslint's base config) set `parser` for every file.
    if (!options) return;
    if (options.format !== undefined && !FORMAT_IDS.includes(options.format)) {
      throw new Error(`Invalid languageOptions.format "${String(options.format)}" (known: ${FORMAT_IDS.join(', ')}).`);
    }
  },

  /** Never throws: a file the adapter cannot read becomes ESLint's fatal parsing error. */
  parse(file: EslintFile, context?: { languageOptions?: PromptLanguageOptions }): ParseResult {
    try {
      const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
      const format = context?.languageOptions?.format ?? sniffFormat(sniffPath(file.path), text);
      const doc = parseDocument({ path: file.path, text }, format);
      const lines = new LineIndex(text);
      if (doc.parseError) {
        const loc = lines.locate(doc.parseError.offset);
        return { ok: false, errors: [{ message: sanitize(doc.parseError.message), line: loc.line, column: loc.column }] };
      }
      return { ok: true, ast: toAst(doc, lines) };
    } catch (e) {
      return { ok: false, errors: [{ message: sanitize(`promptlint: ${(e as Error).message}`), line: 1, column: 1 }] };
    }
  },

  createSourceCode(file: EslintFile, result: { ast: PromptRoot }): PromptSourceCode {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    return new PromptSourceCode({ text, ast: result.ast });
  },
};

export type PromptLanguage = typeof promptLanguage;
