import type { FormatId, OffsetMap, PromptMessageNode, SegmentContext, TextSegment } from '../types.ts';
import { rawOffset, rawTextSegment, sliceMap } from '../util/position.ts';
import { firstAtLeast } from '../util/search.ts';
import { roleContext } from './configs.ts';
import type { Extraction } from './extraction.ts';
import { modelFromObject, modelNode, emptyFields, classifyModelObject } from './models.ts';
import { mcpServer, toolNode } from './mcp.ts';
import { get, isArray, isObject, isString, str, type JNode, type Path } from './tree.ts';

/**
 * Prompt files with front matter (formats.md §4): Prompty (`.prompty`, spec v1 and v2) and Dotprompt
 * (`.prompt`). The front matter configures the model and tools; the body is split into role sections
 * (`system:` lines in Prompty, `{{role "system"}}` in Dotprompt).
 */

/**
 * Prompty front matter: `model` (v1 `configuration{type, azure_endpoint, endpoint, base_url, api_key}`,
 * v2 `connection{kind, endpoint, apiKey}`), tools (function, openapi, mcp), inputs and samples.
 */
export function extractPrompty(root: JNode, x: Extraction): void {
  const model = get(root, 'model');
  if (isObject(model)) {
    x.claimed.add(model);
    const configuration = get(model, 'configuration');
    const connection = get(model, 'connection');
    const fields = emptyFields();
    // The model block itself may carry `api_key`/`endpoint` in hand-written files; its nested blocks do in the spec.
    classifyModelObject(model, ['model'], fields, { endpoints: true });
    const provider = str(get(configuration, 'type')) ?? str(get(model, 'provider')) ?? str(get(connection, 'kind'));
    const name = str(get(model, 'id')) ?? str(get(configuration, 'azure_deployment')) ?? str(get(configuration, 'model')) ?? str(get(configuration, 'name'));
    x.nodes.push(modelNode(model, fields, provider, name));
  } else if (isString(model)) {
    x.nodes.push(modelNode(model, emptyFields(), undefined, model.value));
  }
  const tools = get(root, 'tools');
  if (isArray(tools)) {
    tools.items.forEach((t, i) => {
      if (!isObject(t)) return;
      x.claimed.add(t);
      const name = str(get(t, 'name')) ?? String(i);
      const kind = str(get(t, 'kind', 'type'));
      x.nodes.push(toolNode(t, name, ['tools', i], get(t, 'parameters'), x));
      const connection = get(t, 'connection');
      if (kind === 'mcp' && isObject(connection)) x.nodes.push({ ...mcpServer(str(get(t, 'serverName')) ?? name, connection, ['tools', i, 'connection']), start: t.start, end: t.end });
    });
  }
  // Sample values and input defaults are rendered into the prompt.
  x.contextDeep(get(root, 'sample'), 'message');
  const inputs = get(root, 'inputs') ?? get(get(root, 'inputSchema'), 'properties');
  const defaults = (n: JNode | undefined) => x.context(get(n, 'default'), 'message');
  if (isArray(inputs)) inputs.items.forEach(defaults);
  else if (isObject(inputs)) inputs.entries.forEach((e) => defaults(e.value));
}

/** Template engine of a Prompty file (`template: jinja2`, `template: {format: mustache}`, v2 `template.format.kind`). */
export function promptyTemplateFormat(root: JNode | undefined): string {
  const t = get(root, 'template');
  const format = get(t, 'format');
  return str(t) ?? str(format) ?? str(get(format, 'kind')) ?? str(get(t, 'type')) ?? 'jinja2';
}

/** Dotprompt front matter: the model is a name (`googleai/gemini-2.5-flash`); `config` may carry client settings. */
export function extractDotprompt(root: JNode, x: Extraction): void {
  const model = get(root, 'model');
  const config = get(root, 'config');
  if (isString(model) || isObject(config)) {
    const m = isObject(config) ? modelFromObject(config, ['config'], undefined, str(model)) : modelNode(model!, emptyFields(), undefined, str(model));
    if (isObject(config)) x.claimed.add(config);
    x.nodes.push(m);
  }
}

// ----------------------------------------------------------------------------------------- body roles

export interface RoleSection {
  readonly role: string;
  /** Raw offset of the role marker (`system:` line, `{{role "system"}}`); -1 for the implicit first section. */
  readonly markerStart: number;
  /** Raw offset where the section's text starts (after the marker). */
  readonly start: number;
  readonly end: number;
}

const PROMPTY_ROLE = /^[ \t]*(?:#[ \t]*)?(system|user|assistant|developer|function|tool)(?:\[[^\]\r\n]*\])?[ \t]*:[ \t]*\r?$/gim;
const DOTPROMPT_ROLE = /\{\{~?\s*role\s+["'](\w+)["']\s*~?\}\}/g;

/**
 * Role sections of a prompt body from `from` to the end of `text`. Text before the first marker belongs to
 * the format's default role (Prompty: system, Dotprompt: user).
 */
export function roleSections(text: string, from: number, format: FormatId): RoleSection[] {
  const re = format === 'prompty' ? PROMPTY_ROLE : format === 'dotprompt' ? DOTPROMPT_ROLE : undefined;
  if (!re) return [];
  const markers: { role: string; start: number; end: number }[] = [];
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    markers.push({ role: m[1]!.toLowerCase(), start: m.index, end: m.index + m[0].length });
    if (m[0].length === 0) re.lastIndex++;
  }
  const sections: RoleSection[] = [];
  const defaultRole = format === 'prompty' ? 'system' : 'user';
  const firstStart = markers[0]?.start ?? text.length;
  if (text.slice(from, firstStart).trim()) sections.push({ role: defaultRole, markerStart: -1, start: from, end: firstStart });
  markers.forEach((m, i) => sections.push({ role: m.role, markerStart: m.start, start: m.end, end: markers[i + 1]?.start ?? text.length }));
  return sections;
}

/** First index of a value of `length` units whose raw offset is at least `raw`. */
function valueIndex(map: OffsetMap, length: number, raw: number): number {
  return map.offsets ? firstAtLeast(map.offsets, raw, length) : Math.max(0, Math.min(length, raw - map.base));
}

/**
 * Give body segments the context of their role section, splitting a segment that spans a role marker
 * (Markdown joins `system:` and the next line into one paragraph). Positions go through the segment maps.
 */
export function applyRoleContexts(segments: readonly TextSegment[], sections: readonly RoleSection[], fallback: SegmentContext): TextSegment[] {
  if (!sections.length) return segments.map((s) => (s.context === 'prose' ? { ...s, context: fallback } : s));
  const out: TextSegment[] = [];
  const contextAt = (offset: number): SegmentContext => {
    let role: string | undefined;
    for (const s of sections) {
      if ((s.markerStart < 0 ? s.start : s.markerStart) <= offset) role = s.role;
      else break;
    }
    return role ? roleContext(role) : fallback;
  };
  for (const seg of segments) {
    if (seg.context !== 'prose') {
      out.push(seg);
      continue;
    }
    const start = rawOffset(seg.map, 0);
    const end = rawOffset(seg.map, seg.value.length);
    // Cut points: role markers strictly inside the segment, as indexes into its value (a CRLF file's segments
    // have no CRs, so value indexes and raw offsets differ).
    const cuts = sections.map((s) => s.markerStart).filter((o) => o > start && o < end).map((o) => valueIndex(seg.map, seg.value.length, o));
    let from = 0;
    for (const cut of [...cuts, seg.value.length]) {
      if (cut > from) out.push({ value: seg.value.slice(from, cut), context: contextAt(rawOffset(seg.map, from)), path: seg.path, map: sliceMap(seg.map, from, cut) });
      from = cut;
    }
  }
  return out;
}

/** One prompt-message node per role section. */
export function sectionMessages(text: string, sections: readonly RoleSection[], templateFormat: string): PromptMessageNode[] {
  return sections.map((s) => {
    const ctx = roleContext(s.role);
    const path: Path = [];
    return {
      type: 'prompt-message',
      start: s.markerStart < 0 ? s.start : s.markerStart,
      end: s.end,
      role: s.role,
      templateFormat,
      template: rawTextSegment(text, s.start, s.end, ctx, path),
    };
  });
}
