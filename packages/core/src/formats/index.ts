import type { CommentNode, DocumentKind, DocumentNode, FormatId, ParseProblem, PromptDocument, SourceFile, TextSegment } from '../types.ts';
import { readFrontMatter } from './frontmatter.ts';
import { parseJson } from './json.ts';
import { parseMarkdownBody } from './markdown.ts';
import { buildStructured } from './structured.ts';
import { parseYaml } from './yaml.ts';
import { findModels } from './models.ts';
import { mcpServers } from './structured.ts';
import { walkStrings, toSegment } from './tree.ts';

export { sniffFormat, discover, DISCOVERY_TABLE, DISCOVERY_PATTERNS } from './discovery.ts';

/** Parse a file with the adapter of `format`. Never throws: a parse failure yields a raw document. */
export function parseDocument(file: SourceFile, format: FormatId): PromptDocument {
  try {
    switch (format) {
      case 'yaml':
        return parseYamlDocument(file);
      case 'json':
        return parseJsonDocument(file);
      case 'markdown':
      case 'text':
      case 'prompty':
      case 'dotprompt':
        return parseFrontMatterDocument(file, format);
    }
  } catch (e) {
    return rawDocument(file, format, { message: `${format}: ${(e as Error).message}`, offset: 0 });
  }
}

/** A document the adapter could not read: one raw segment, so the text rules still see everything. */
export function rawDocument(file: SourceFile, format: FormatId, parseError: ParseProblem, comments: CommentNode[] = []): PromptDocument {
  return {
    file,
    format,
    kind: 'generic',
    segments: [{ value: file.text, context: 'raw', path: [], map: { base: 0 } }],
    nodes: [],
    comments,
    parseError,
  };
}

function parseYamlDocument(file: SourceFile): PromptDocument {
  const r = parseYaml(file.text);
  if (r.error) return rawDocument(file, 'yaml', r.error, r.comments);
  const s = buildStructured(r.roots, file.path);
  return { file, format: 'yaml', kind: s.kind, segments: s.segments, nodes: s.nodes, comments: r.comments };
}

function parseJsonDocument(file: SourceFile): PromptDocument {
  const r = parseJson(file.text);
  if (r.error) return rawDocument(file, 'json', r.error, r.comments);
  const s = buildStructured(r.root ? [r.root] : [], file.path);
  return { file, format: 'json', kind: s.kind, segments: s.segments, nodes: s.nodes, comments: r.comments };
}

function parseFrontMatterDocument(file: SourceFile, format: FormatId): PromptDocument {
  const fm = readFrontMatter(file.text, { leadingComments: format === 'dotprompt' });
  const segments: TextSegment[] = [];
  const nodes: DocumentNode[] = [];
  const comments: CommentNode[] = [];
  const notes: ParseProblem[] = [];
  let body = file.text;
  if (fm) {
    // Blank the front matter (keeping line breaks) so Markdown offsets are file offsets.
    body = file.text.slice(0, fm.bodyStart).replace(/[^\r\n]/g, ' ') + file.text.slice(fm.bodyStart);
    if (fm.lenient) notes.push({ message: `front matter is not valid YAML (${fm.lenient.message}); read as key: value lines`, offset: fm.lenient.offset });
    comments.push(...fm.comments);
    walkStrings(fm.root, (n, path, key) => segments.push(toSegment(n, path, key === 'description' ? 'instructions' : 'front-matter')));
    nodes.push(...findModels(fm.root), ...(fm.root ? mcpServers(fm.root) : []));
  }
  const md = parseMarkdownBody(body);
  const bodyContext = format === 'prompty' || format === 'dotprompt' ? 'message' : undefined;
  for (const seg of md.segments) segments.push(bodyContext && seg.context === 'prose' ? { ...seg, context: bodyContext } : seg);
  nodes.push(...md.links);
  comments.push(...md.comments);
  if (format === 'dotprompt') comments.push(...handlebarsComments(file.text, fm?.bodyStart ?? 0));
  const kind: DocumentKind = 'prompt';
  return { file, format, kind, segments, nodes, comments, notes: notes.length ? notes : undefined };
}

/** Handlebars `{{! … }}` / `{{!-- … --}}` comments: never sent to the model, but they can carry directives. */
function handlebarsComments(text: string, from: number): CommentNode[] {
  const out: CommentNode[] = [];
  const re = /\{\{!(--)?([\s\S]{0,20000}?)(?:--)?\}\}/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const valueStart = m.index + 3 + (m[1] ? 2 : 0);
    out.push({ start: m.index, end: m.index + m[0].length, value: m[2] ?? '', valueStart });
  }
  return out;
}
