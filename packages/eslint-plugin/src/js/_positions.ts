/**
 * Where JS/TS code hands text to a model as instructions: the prompt positions of LangChain.js, the OpenAI,
 * Anthropic and Vercel AI SDKs, the OpenAI Agents SDK and MCP server code. Matching is syntactic (callee and
 * property names, no type information), so it works in JavaScript projects and without typed linting.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { SegmentContext } from '@promptlint/core';
import { arrayOf, calleeName, objectOf, prop, propName, unwrap } from './_strings.ts';

export interface PromptPosition {
  /** The expression that holds the text (a literal, template literal, concatenation or const). */
  readonly expr: TSESTree.Node;
  readonly context: SegmentContext;
  /** What the position is, for messages (`system prompt`, `tool description`, ...). */
  readonly what: string;
}

type Source = Readonly<TSESLint.SourceCode>;

const SYSTEM_ROLES = new Set(['system', 'developer']);
const MESSAGE_ROLES = new Set(['user', 'human', 'assistant', 'ai', 'model']);
const SYSTEM_MESSAGE_CLASSES = new Set(['SystemMessage']);
/** Calls of the Vercel AI SDK and of agent classes that take `system` / `instructions` / `prompt`. */
const GENERATE_CALLS = new Set(['generateText', 'streamText', 'generateObject', 'streamObject', 'streamUI']);
const AGENT_CLASSES = new Set(['Agent', 'RealtimeAgent', 'ToolLoopAgent', 'Experimental_Agent']);
/** Keys that hold a parameter schema next to a tool's description. */
const TOOL_SCHEMA_KEYS = ['inputSchema', 'input_schema', 'parameters', 'schema', 'argsSchema', 'paramsSchema'];

/** The text of a message content value: a string, or the `text` parts of a content array. */
function contentTexts(value: TSESTree.Node | undefined, sourceCode: Source): TSESTree.Node[] {
  if (!value) return [];
  const arr = arrayOf(value, sourceCode);
  if (!arr) return [value];
  const out: TSESTree.Node[] = [];
  for (const el of arr.elements) {
    const o = objectOf(el ?? undefined, sourceCode);
    const t = prop(o, 'text');
    if (t) out.push(t.value);
  }
  return out;
}

/**
 * `{ role: "system" | "developer", content }`. Other roles are left alone: user messages written in code are
 * mostly test inputs and red-team payloads, and few-shot answers are the developer's own examples.
 */
function messageObject(obj: TSESTree.ObjectExpression, sourceCode: Source, out: PromptPosition[]): void {
  const role = prop(obj, 'role');
  const content = prop(obj, 'content');
  if (!role || !content) return;
  const r = unwrap(role.value);
  if (r.type !== 'Literal' || typeof r.value !== 'string') return;
  const name = r.value.toLowerCase();
  if (!SYSTEM_ROLES.has(name)) return;
  for (const t of contentTexts(content.value, sourceCode)) out.push({ expr: t, context: 'system-message', what: `${name} message` });
}

/** An element of `ChatPromptTemplate.fromMessages([...])`: a `[role, text]` tuple, a message object or class. */
function fromMessagesElement(el: TSESTree.Node, sourceCode: Source, out: PromptPosition[]): void {
  const n = unwrap(el);
  if (n.type === 'ArrayExpression' && n.elements.length >= 2) {
    const role = n.elements[0] && unwrap(n.elements[0]);
    const text = n.elements[1];
    if (role?.type === 'Literal' && typeof role.value === 'string' && text) {
      const name = role.value.toLowerCase();
      if (SYSTEM_ROLES.has(name)) out.push({ expr: text, context: 'system-message', what: 'system message' });
      else if (MESSAGE_ROLES.has(name)) out.push({ expr: text, context: 'message', what: `${name} message` });
    }
    return;
  }
  if (n.type === 'ObjectExpression') messageObject(n, sourceCode, out);
}

function pushProp(obj: TSESTree.ObjectExpression | undefined, key: string, context: SegmentContext, what: string, out: PromptPosition[]): void {
  const p = prop(obj, key);
  if (p) out.push({ expr: p.value, context, what });
}

/** A tool definition object: `{ name?, description, inputSchema | parameters | schema }`. */
function toolObject(obj: TSESTree.ObjectExpression | undefined, out: PromptPosition[], force = false): void {
  if (!obj) return;
  const desc = prop(obj, 'description');
  if (!desc) return;
  if (force || TOOL_SCHEMA_KEYS.some((k) => prop(obj, k))) out.push({ expr: desc.value, context: 'tool-description', what: 'tool description' });
}

/** `.describe("…")` calls inside a tool's schema (zod parameter descriptions the model reads). */
function describeCalls(node: TSESTree.Node | undefined, out: PromptPosition[], depth = 0): void {
  if (!node || depth > 12) return;
  const n = unwrap(node);
  if (n.type === 'CallExpression') {
    const { name } = calleeName(n.callee);
    if (name === 'describe' && n.arguments[0]) out.push({ expr: n.arguments[0], context: 'tool-description', what: 'tool parameter description' });
    if (n.callee.type === 'MemberExpression') describeCalls(n.callee.object, out, depth + 1);
    for (const a of n.arguments) describeCalls(a, out, depth + 1);
  } else if (n.type === 'ObjectExpression') {
    for (const p of n.properties) if (p.type === 'Property') describeCalls(p.value, out, depth + 1);
  }
}

/** Prompt positions in a call or `new` expression. */
export function callPositions(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Source): PromptPosition[] {
  const out: PromptPosition[] = [];
  const { name, object } = calleeName(node.callee);
  if (!name) return out;
  const args = node.arguments;
  const arg0 = args[0];
  const isNew = node.type === 'NewExpression';

  // LangChain prompt templates.
  if (name === 'fromMessages' && (object === 'ChatPromptTemplate' || object === undefined || /Prompt/.test(object))) {
    const arr = arrayOf(arg0, sourceCode);
    for (const el of arr?.elements ?? []) if (el && el.type !== 'SpreadElement') fromMessagesElement(el, sourceCode, out);
    return out;
  }
  if (name === 'fromTemplate' && object) {
    if (object === 'SystemMessagePromptTemplate') out.push({ expr: arg0!, context: 'system-message', what: 'system message template' });
    else if (/PromptTemplate$/.test(object)) out.push({ expr: arg0!, context: 'message', what: 'prompt template' });
    return out.filter((p) => p.expr);
  }
  if (isNew && name === 'PromptTemplate') {
    pushProp(objectOf(arg0, sourceCode), 'template', 'message', 'prompt template', out);
    return out;
  }
  if (isNew && SYSTEM_MESSAGE_CLASSES.has(name)) {
    const obj = objectOf(arg0, sourceCode);
    if (obj) for (const t of contentTexts(prop(obj, 'content')?.value, sourceCode)) out.push({ expr: t, context: 'system-message', what: 'system message' });
    else if (arg0) for (const t of contentTexts(arg0, sourceCode)) out.push({ expr: t, context: 'system-message', what: 'system message' });
    return out;
  }

  // MCP TypeScript SDK: server.tool(name, description, ...), server.registerTool(name, { description, inputSchema }, cb).
  if (!isNew && name === 'tool' && object !== undefined && args.length >= 3 && args[1]) {
    const d = unwrap(args[1]);
    if (d.type !== 'ObjectExpression' && d.type !== 'ArrowFunctionExpression' && d.type !== 'FunctionExpression') {
      out.push({ expr: args[1], context: 'tool-description', what: 'tool description' });
    }
    // The parameter schema: `tool(name, schema, cb)` or `tool(name, description, schema, ...)`.
    for (const a of args.slice(1)) describeCalls(a, out);
    return out;
  }
  if (!isNew && name === 'registerTool' && args[1]) {
    const cfg = objectOf(args[1], sourceCode);
    toolObject(cfg, out, true);
    describeCalls(prop(cfg, 'inputSchema')?.value, out);
    return out;
  }
  if (isNew && (name === 'McpServer' || name === 'Server') && args[1]) {
    pushProp(objectOf(args[1], sourceCode), 'instructions', 'instructions', 'MCP server instructions', out);
    return out;
  }

  // Agents: OpenAI Agents SDK `new Agent({ instructions })`, Vercel AI SDK agents `{ system | instructions }`.
  if (isNew && AGENT_CLASSES.has(name)) {
    const obj = objectOf(arg0, sourceCode);
    pushProp(obj, 'instructions', 'instructions', 'agent instructions', out);
    pushProp(obj, 'system', 'system-message', 'system prompt', out);
    pushProp(obj, 'handoffDescription', 'tool-description', 'handoff description', out);
    return out;
  }

  // Vercel AI SDK and any SDK call with a `system` / `instructions` option (Anthropic `messages.create`,
  // OpenAI `responses.create`), and `messages` arrays with roles.
  const obj = objectOf(arg0, sourceCode);
  if (obj) {
    const generate = !isNew && GENERATE_CALLS.has(name);
    const sdkCall = !isNew && (name === 'create' || name === 'stream' || name === 'parse' || name === 'countTokens');
    if (generate || sdkCall) {
      pushProp(obj, 'system', 'system-message', 'system prompt', out);
      pushProp(obj, 'instructions', 'instructions', 'instructions', out);
    }
    if (!isNew && name === 'tool' && object === undefined) toolObject(obj, out);
  }
  return out;
}

/** Prompt positions in an object literal that is a chat message or a tool definition wherever it appears. */
export function objectPositions(node: TSESTree.ObjectExpression, sourceCode: Source): PromptPosition[] {
  const out: PromptPosition[] = [];
  messageObject(node, sourceCode, out);
  // A tool definition (`tools: [{ name, description, inputSchema }]` in a tools/list handler, OpenAI function tools).
  const parent = node.parent;
  if (prop(node, 'name') && !(parent?.type === 'CallExpression' && calleeName(parent.callee).name === 'registerTool')) toolObject(node, out);
  return out;
}

export { propName };
