import type { CommentNode, DocumentKind, DocumentNode, FormatId, ParseProblem, PromptDocument, SegmentContext, SourceFile, TextSegment } from '../types.ts';
import { readFrontMatter } from './frontmatter.ts';
import { parseJson } from './json.ts';
import { parseMarkdownBody } from './markdown.ts';
import { buildStructured } from './structured.ts';
import { parseYaml } from './yaml.ts';
import { parseToml } from './toml.ts';
import { findModels } from './models.ts';
import { mcpServers } from './mcp.ts';
import { Extraction } from './extraction.ts';
import { applyRoleContexts, extractDotprompt, extractPrompty, promptyTemplateFormat, roleSections, sectionMessages } from './prompts.ts';
import { walkStrings, toSegment } from './tree.ts';
import { rawTextSegment } from '../util/position.ts';

export { sniffFormat, discover, DISCOVERY_TABLE, DISCOVERY_PATTERNS } from './discovery.ts';

/** Parse a file with the adapter of `format`. Never throws: a parse failure yields a raw document. */
export function parseDocument(file: SourceFile, format: FormatId): PromptDocument {
  try {
    switch (format) {
      case 'yaml':
        return parseYamlDocument(file);
      case 'json':
        return parseJsonDocument(file);
      case 'toml':
        return parseTomlDocument(file);
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
    segments: [rawTextSegment(file.text, 0, file.text.length, 'raw')],
    nodes: [],
    comments,
    parseError,
  };
}

function parseYamlDocument(file: SourceFile): PromptDocument {
  const r = parseYaml(file.text);
  if (r.error) return rawDocument(file, 'yaml', r.error, r.comments);
  const s = buildStructured(r.roots, file.path);
  return { file, format: 'yaml', kind: s.kind, segments: s.segments, nodes: s.nodes, comments: r.comments, tree: r.roots };
}

function parseJsonDocument(file: SourceFile): PromptDocument {
  const r = parseJson(file.text);
  if (r.error) return rawDocument(file, 'json', r.error, r.comments);
  const s = buildStructured(r.root ? [r.root] : [], file.path);
  return { file, format: 'json', kind: s.kind, segments: s.segments, nodes: s.nodes, comments: r.comments, tree: r.root ? [r.root] : [] };
}

function parseTomlDocument(file: SourceFile): PromptDocument {
  const r = parseToml(file.text);
  if (r.error) return rawDocument(file, 'toml', r.error, r.comments);
  const s = buildStructured(r.root ? [r.root] : [], file.path);
  return { file, format: 'toml', kind: s.kind, segments: s.segments, nodes: s.nodes, comments: r.comments, tree: r.root ? [r.root] : [] };
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
    const x = new Extraction();
    if (fm.root) {
      if (format === 'prompty') extractPrompty(fm.root, x);
      else if (format === 'dotprompt') extractDotprompt(fm.root, x);
      // Copilot custom agents embed `mcp-servers:`.
      x.nodes.push(...mcpServers(fm.root, x));
      if (format !== 'prompty') x.nodes.push(...findModels(fm.root, [], x.claimed));
    }
    walkStrings(fm.root, (n, path, key) => segments.push(toSegment(n, path, x.contexts.get(n) ?? frontMatterContext(format, key))));
    nodes.push(...x.nodes);
  }
  const md = parseMarkdownBody(body);
  if (md.note) notes.push(md.note);
  const bodyStart = fm?.bodyStart ?? 0;
  const templated = format === 'prompty' || format === 'dotprompt';
  const sections = roleSections(file.text, bodyStart, format);
  segments.push(...applyRoleContexts(md.segments, sections, templated ? 'message' : 'prose'));
  if (templated) {
    const templateFormat = format === 'prompty' ? promptyTemplateFormat(fm?.root) : 'handlebars';
    nodes.push(...sectionMessages(file.text, sections, templateFormat));
  }
  nodes.push(...md.links);
  comments.push(...md.comments);
  if (format === 'dotprompt') comments.push(...handlebarsComments(file.text, bodyStart));
  const kind: DocumentKind = 'prompt';
  return { file, format, kind, segments, nodes, comments, notes: notes.length ? notes : undefined };
}

/**
 * Context of a front-matter value: a skill's or agent's `description` decides when it is loaded and is read
 * by the model; in prompt files (Prompty, Dotprompt) front matter is configuration.
 */
function frontMatterContext(format: FormatId, key: string): SegmentContext {
  if ((format === 'markdown' || format === 'text') && key === 'description') return 'instructions';
  return 'front-matter';
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
