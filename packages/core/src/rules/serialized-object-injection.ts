import type { Rule, TextSegment } from '../types.ts';
import { segmentRange } from '../engine.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * LangChain serialization injection ("LangGrinch", CVE-2025-68664 / GHSA-c67j-w6g6-q2cm; CVE-2025-68665 in JS):
 * an `{"lc": 1, "type": "constructor" | "secret", ...}` object inside a user-data field of a manifest
 * (`metadata`, `additional_kwargs`, `response_metadata`, message content) is revived by `load()` as a live object
 * or an environment secret. The fixed serializers wrap such data as `{"__lc_escaped__": ...}`, which is safe.
 *
 * Also a `secret` node in a slot that is not a credential (`default_headers`, `model_kwargs`, `template`,
 * `metadata`): loading with secrets from the environment copies the secret where it is sent or shown.
 *
 * Works on the document's string segments and their key paths (an object with a `type` of `constructor` or
 * `secret` and an `id` list is a node), so the file is never parsed twice.
 */
export const serializedObjectInjection: Rule = {
  meta: {
    id: 'serialized-object-injection',
    category: 'injection',
    type: 'problem',
    docs: {
      description: 'LangChain manifests must not hide constructor or secret nodes in user data, nor secrets in non-credential slots',
      preset: 'recommended',
      url: docsUrl('serialized-object-injection'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'critical',
    messages: {
      dataNode: "LangChain '{{type}}' node inside user-data field '{{field}}': load() revives it as {{effect}} (CVE-2025-68664 / CVE-2025-68665). Serialized data must be escaped (__lc_escaped__).",
      secretSlot: "Secret node '{{id}}' in non-credential slot '{{slot}}' of {{cls}}: loading with secrets from the environment copies that secret into {{slot}} (environment exfiltration).",
    },
  },
  checkDocument(doc, context) {
    if (doc.format !== 'json' && doc.format !== 'yaml') return;
    // Object key path -> its `type` segment and its `id` strings.
    const types = new Map<string, TextSegment>();
    const ids = new Map<string, string[]>();
    for (const seg of doc.segments) {
      const p = seg.path;
      const n = p.length;
      if (n >= 1 && p[n - 1] === 'type' && (seg.value === 'constructor' || seg.value === 'secret')) types.set(key(p.slice(0, -1)), seg);
      else if (n >= 2 && p[n - 2] === 'id' && typeof p[n - 1] === 'number') {
        const k = key(p.slice(0, -2));
        const list = ids.get(k);
        if (list) list.push(seg.value);
        else ids.set(k, [seg.value]);
      }
    }
    for (const [k, typeSeg] of types) {
      const id = ids.get(k);
      if (!id) continue;
      const objPath = typeSeg.path.slice(0, -1);
      if (objPath.includes('__lc_escaped__')) continue;
      const where = locate(objPath, types, ids);
      const r = segmentRange(typeSeg, 0, typeSeg.value.length);
      if (where.dataField) {
        // Report the outermost node only: what sits inside it is revived with it.
        if (where.insideDataNode) continue;
        const effect = typeSeg.value === 'secret' ? `the value of environment secret '${id.join('.') || '?'}'` : `a live '${id[id.length - 1] || '?'}' object`;
        context.report({ messageId: 'dataNode', data: { type: typeSeg.value, field: where.dataField, effect }, start: r.start, end: r.end, securitySeverity: 'critical' });
        continue;
      }
      if (typeSeg.value !== 'secret' || !where.slot) continue;
      const slot = where.slot.path;
      if (slot.length === 1 && CREDENTIAL_KEY.test(slot[0]!)) continue;
      context.report({ messageId: 'secretSlot', data: { id: id.join('.') || '?', slot: slot.join('.'), cls: where.slot.cls }, start: r.start, end: r.end, securitySeverity: 'high' });
    }
  },
};

/** Fields whose content is data the application received, never structure. */
const DATA_KEYS = new Set(['metadata', 'additional_kwargs', 'response_metadata', 'usage_metadata', 'tool_calls', 'invalid_tool_calls', 'tool_call_chunks', 'artifact']);
const MESSAGE_CLASS = /Message(?:Chunk)?$/;
/** kwargs that legitimately hold a secret node. */
const CREDENTIAL_KEY = /api_?key|apikey|token|secret|password|passwd|credential|access_key|private_key|organi[sz]ation|^org(?:_id)?$|_key$|^key$/i;

function key(path: readonly (string | number)[]): string {
  return path.join('\u0000');
}

interface Where {
  /** The user-data field the node sits in, if any. */
  readonly dataField?: string;
  /** True when an enclosing node inside the same data field is already reported. */
  readonly insideDataNode?: boolean;
  /** The nearest enclosing constructor and the key path from its kwargs. */
  readonly slot?: { readonly cls: string; readonly path: readonly string[] };
}

/** Classify a node's position by walking its key path from the root. */
function locate(objPath: readonly (string | number)[], types: ReadonlyMap<string, TextSegment>, ids: ReadonlyMap<string, string[]>): Where {
  let dataField: string | undefined;
  let insideDataNode = false;
  let slot: Where['slot'];
  for (let i = 0; i < objPath.length; i++) {
    const prefix = objPath.slice(0, i);
    const t = types.get(key(prefix));
    const isNode = t !== undefined && ids.has(key(prefix));
    if (isNode && dataField !== undefined) insideDataNode = true;
    if (isNode && t.value === 'constructor' && objPath[i] === 'kwargs') {
      const id = ids.get(key(prefix))!;
      const cls = id[id.length - 1] || 'a LangChain object';
      const field = objPath[i + 1];
      if (dataField === undefined && typeof field === 'string' && (DATA_KEYS.has(field) || (field === 'content' && MESSAGE_CLASS.test(cls)))) dataField = field;
      slot = { cls, path: objPath.slice(i + 1).map(String) };
    } else if (dataField === undefined && slot && typeof objPath[i] === 'string' && DATA_KEYS.has(objPath[i] as string) && i > 0) {
      dataField = objPath[i] as string;
    }
  }
  return { dataField, insideDataNode, slot };
}
