import type { SegmentContext } from '../types.ts';
import { emptyFields, classifyModelObject, modelNode, modelName } from './models.ts';
import { toolNode, tools } from './mcp.ts';
import type { Extraction } from './extraction.ts';
import { get, isArray, isObject, isString, str, toSegment, type JNode, type JObject, type Path } from './tree.ts';

/**
 * LangChain serialized objects (`lc` manifests, formats.md §1): prompts with their roles, model
 * constructors with their endpoint/proxy/header kwargs, tools bound to a model, and the LangSmith commit
 * envelope around them. Objects under `__lc_escaped__` are user data by definition: never nodes.
 * Legacy `load_prompt` files (`_type`) are read too.
 */

const ROLE_BY_CLASS: Record<string, string> = {
  SystemMessagePromptTemplate: 'system',
  SystemMessage: 'system',
  SystemMessageChunk: 'system',
  HumanMessagePromptTemplate: 'human',
  HumanMessage: 'human',
  HumanMessageChunk: 'human',
  AIMessagePromptTemplate: 'ai',
  AIMessage: 'ai',
  AIMessageChunk: 'ai',
  ChatMessagePromptTemplate: 'chat',
  ChatMessage: 'chat',
  ToolMessage: 'tool',
};

/** Namespace segments of model classes (`langchain/chat_models/openai/ChatOpenAI`, `langchain_core/language_models/...`). */
const MODEL_NAMESPACES = new Set(['chat_models', 'llms', 'embeddings', 'language_models']);
/** Provider packages whose classes are models when their name says so. */
const PROVIDER_PACKAGE = /^langchain(?:_|-)?(?:openai|anthropic|google_genai|google_vertexai|google|mistralai|groq|fireworks|xai|aws|ollama|together|deepseek|perplexity|sambanova|cohere|huggingface|community|azure_ai|ibm|nvidia_ai_endpoints)$/;
const MODEL_CLASS = /^(?:Chat|Azure|Bedrock|Ollama|Vertex)|(?:LLM|OpenAI|Embeddings|Anthropic)$/;
const BINDING = /^Runnable(?:Binding|Configurable\w*|WithFallbacks)$/;

/** Is `n` a serialized LangChain object (`{"lc": 1, "type": ..., "id": [...]}`)? */
export function isLcObject(n: JNode | undefined): boolean {
  return isObject(n) && get(n, 'lc')?.kind === 'number' && isString(get(n, 'type'));
}

/** The id path of an `lc` object (`["langchain", "chat_models", "openai", "ChatOpenAI"]`). */
function idOf(n: JObject): string[] {
  const id = get(n, 'id');
  return isArray(id) ? id.items.map((x) => (isString(x) ? x.value : '')) : [];
}

export function isModelClass(id: readonly string[]): boolean {
  const cls = id[id.length - 1] ?? '';
  if (id.slice(0, -1).some((s) => MODEL_NAMESPACES.has(s))) return true;
  return PROVIDER_PACKAGE.test(id[0] ?? '') && MODEL_CLASS.test(cls);
}

/** Extract nodes and contexts from an `lc` manifest, a LangSmith commit, or a legacy `_type` file. */
export function extractLangchain(root: JNode, x: Extraction): void {
  const manifest = isLcObject(get(root, 'manifest')) ? get(root, 'manifest')! : root;
  const basePath: Path = manifest === root ? [] : ['manifest'];
  if (isLcObject(manifest)) visitLc(manifest, basePath, undefined, x, 0);
  else visitLegacy(root, [], x, 0);
}

function visitLc(n: JNode | undefined, path: Path, role: string | undefined, x: Extraction, depth: number): void {
  if (!n || depth > 128) return;
  if (isArray(n)) {
    n.items.forEach((c, i) => visitLc(c, [...path, i], role, x, depth + 1));
    return;
  }
  if (!isObject(n)) return;
  const escaped = get(n, '__lc_escaped__');
  if (escaped !== undefined) {
    // Escaped user data (CVE-2025-68664 fix): plain configuration text, never a prompt, model or tool.
    x.claimed.add(escaped);
    x.contextDeep(escaped, 'config-value');
    return;
  }
  if (!isLcObject(n)) {
    for (const e of n.entries) visitLc(e.value, [...path, e.key], role, x, depth + 1);
    return;
  }
  const type = str(get(n, 'type'));
  if (type !== 'constructor') return; // `secret` and `not_implemented` carry no text
  const id = idOf(n);
  const cls = id[id.length - 1] ?? '';
  const kwargs = get(n, 'kwargs');
  const kwPath = [...path, 'kwargs'];
  const nextRole = ROLE_BY_CLASS[cls] ?? role;

  if (isModelClass(id) && isObject(kwargs)) {
    lcModel(n, kwargs, kwPath, cls, x);
    return;
  }
  if (BINDING.test(cls) && isObject(kwargs)) {
    // The bound model (`kwargs.bound`) and the tools bound to it (`kwargs.kwargs.tools`, structured output).
    visitLc(get(kwargs, 'bound'), [...kwPath, 'bound'], nextRole, x, depth + 1);
    const bindKwargs = get(kwargs, 'kwargs');
    if (bindKwargs) x.nodes.push(...tools(bindKwargs, [...kwPath, 'kwargs'], x));
    for (const key of ['default', 'fallbacks', 'runnable', 'alternatives'] as const) visitLc(get(kwargs, key), [...kwPath, key], nextRole, x, depth + 1);
    return;
  }
  if (isObject(kwargs)) {
    const format = str(get(kwargs, 'template_format'));
    const vars = get(kwargs, 'input_variables');
    const inputVariables = isArray(vars) ? vars.items.map((v) => str(v)).filter((v): v is string => !!v) : undefined;
    const ctx: SegmentContext = nextRole === 'system' ? 'system-message' : 'message';
    const message = (text: JNode | undefined, key: string | number, keyPath: Path = [...kwPath, key]) => {
      if (!isString(text)) return;
      x.context(text, ctx);
      x.nodes.push({
        type: 'prompt-message',
        start: n.start,
        end: n.end,
        role: nextRole,
        templateFormat: format ?? (cls.endsWith('Template') || cls.endsWith('Prompt') ? 'f-string' : undefined),
        template: toSegment(text, keyPath, ctx),
        inputVariables,
      });
    };
    // Templates: PromptTemplate, few-shot prefix/suffix; message classes: literal content (string or text parts).
    message(get(kwargs, 'template'), 'template');
    message(get(kwargs, 'prefix'), 'prefix');
    message(get(kwargs, 'suffix'), 'suffix');
    if (ROLE_BY_CLASS[cls] && !cls.endsWith('Template')) {
      const content = get(kwargs, 'content');
      if (isString(content)) message(content, 'content');
      else if (isArray(content)) content.items.forEach((part, i) => message(get(part, 'text'), i, [...kwPath, 'content', i, 'text']));
    }
    const examples = get(kwargs, 'examples');
    if (isArray(examples)) x.contextDeep(examples, 'message');
    // StructuredPrompt: the output schema is sent to the model as a function definition.
    const schema = get(kwargs, 'schema_') ?? get(kwargs, 'schema');
    if (isObject(schema) && cls === 'StructuredPrompt') {
      x.nodes.push(toolNode(schema, str(get(schema, 'title')) ?? 'schema', [...kwPath, get(kwargs, 'schema_') ? 'schema_' : 'schema'], schema, x));
    }
    for (const e of kwargs.entries) {
      if (e.key === 'schema_' && cls === 'StructuredPrompt') continue;
      visitLc(e.value, [...kwPath, e.key], nextRole, x, depth + 1);
    }
  }
}

/** A model constructor: endpoint, proxy and header kwargs (nested `configuration`, `client_options` too), literal keys. */
function lcModel(n: JObject, kwargs: JObject, path: Path, cls: string, x: Extraction): void {
  const fields = emptyFields();
  classifyModelObject(kwargs, path, fields, { endpoints: true });
  // `default_query`, `model_kwargs.extra_headers` and friends.
  const modelKwargs = get(kwargs, 'model_kwargs');
  if (isObject(modelKwargs)) classifyModelObject(modelKwargs, [...path, 'model_kwargs'], fields, { endpoints: false });
  x.claimed.add(n);
  x.nodes.push(modelNode(n, fields, cls || str(get(n, 'name')), modelName(kwargs)));
}

// ------------------------------------------------------------------------------------- legacy files

const LEGACY_PROMPT_KEYS = ['template', 'prefix', 'suffix'] as const;

/** Legacy `load_prompt` / `load_llm` files: `{"_type": "prompt", "template": ...}`, `{"_type": "openai", ...}`, chains. */
function visitLegacy(n: JNode | undefined, path: Path, x: Extraction, depth: number): void {
  if (!n || depth > 64) return;
  if (isArray(n)) {
    n.items.forEach((c, i) => visitLegacy(c, [...path, i], x, depth + 1));
    return;
  }
  if (!isObject(n)) return;
  const type = str(get(n, '_type'));
  if (type) {
    const isPrompt = /prompt|few_shot|chat/.test(type) || LEGACY_PROMPT_KEYS.some((k) => isString(get(n, k)));
    if (isPrompt) {
      const format = str(get(n, 'template_format')) ?? 'f-string';
      const vars = get(n, 'input_variables');
      for (const key of LEGACY_PROMPT_KEYS) {
        const t = get(n, key);
        if (!isString(t)) continue;
        x.context(t, 'message');
        x.nodes.push({
          type: 'prompt-message',
          start: n.start,
          end: n.end,
          templateFormat: format,
          template: toSegment(t, [...path, key], 'message'),
          inputVariables: isArray(vars) ? vars.items.map((v) => str(v)).filter((v): v is string => !!v) : undefined,
        });
      }
      const examples = get(n, 'examples');
      if (isArray(examples)) x.contextDeep(examples, 'message');
    } else if (modelName(n) !== undefined) {
      // A serialized LLM (`_type: openai`, `anthropic`, `azure`...): its kwargs sit at top level.
      const fields = emptyFields();
      classifyModelObject(n, path, fields, { endpoints: true });
      x.nodes.push(modelNode(n, fields, type, modelName(n)));
      x.claimed.add(n);
    }
  }
  for (const e of n.entries) visitLegacy(e.value, [...path, e.key], x, depth + 1);
}

