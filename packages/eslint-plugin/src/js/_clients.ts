/**
 * LLM client construction in code as a core `model` node: base URLs, headers and literal keys of the OpenAI,
 * Azure OpenAI and Anthropic SDKs, LangChain chat models and the Vercel AI SDK providers, with the raw position
 * of each string. The core endpoint rules then judge the hosts, with the same trusted-host settings as the CLI.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ModelNode, StringField } from '@promptlint/core';
import { calleeName, constInit, objectOf, prop, propName, stringParts, toField, unwrap, type CodeString } from './_strings.ts';

/** Client classes (`new X({...})`) and provider factories (`createX({...})`). */
const CLIENT_CLASSES = new Set([
  'OpenAI', 'AzureOpenAI', 'Anthropic', 'AnthropicBedrock', 'AnthropicVertex', 'Groq', 'Mistral', 'Together', 'Cerebras',
  'ChatOpenAI', 'AzureChatOpenAI', 'OpenAIEmbeddings', 'AzureOpenAIEmbeddings', 'ChatAnthropic', 'ChatAnthropicMessages',
  'ChatMistralAI', 'ChatGroq', 'ChatDeepSeek', 'ChatXAI', 'ChatOllama', 'ChatTogetherAI', 'ChatFireworks', 'ChatCerebras',
]);
const CLIENT_FACTORIES = new Set([
  'createOpenAI', 'createAnthropic', 'createAzure', 'createOpenAICompatible', 'createMistral', 'createGroq', 'createDeepSeek',
  'createXai', 'createTogetherAI', 'createFireworks', 'createCerebras', 'createOpenRouter', 'createOllama',
]);
/** Option objects nested in a client's options that configure the underlying HTTP client. */
const NESTED = new Set(['configuration', 'clientOptions', 'httpOptions']);
const ENDPOINT_KEYS = new Set([
  'baseURL', 'baseUrl', 'basePath', 'endpoint', 'serverURL', 'apiUrl', 'anthropicApiUrl', 'azureOpenAIEndpoint', 'azureOpenAIBasePath',
]);
const HEADER_KEYS = new Set(['defaultHeaders', 'headers']);
const CREDENTIAL_KEYS = new Set(['apiKey', 'openAIApiKey', 'anthropicApiKey', 'azureOpenAIApiKey', 'authToken', 'token']);
/**
 * Headers that name the calling application, not a destination (OpenRouter's attribution headers carry the
 * app's own URL): never endpoints.
 */
const ATTRIBUTION_HEADER = /^(?:http-referer|referer|referrer|origin|x-title|user-agent)$/i;
/** Header names that carry a credential. */
const CREDENTIAL_HEADER = /^(?:authorization|proxy-authorization|x-api-key|api-key|x-goog-api-key|cookie)$/i;

type Source = Readonly<TSESLint.SourceCode>;

/** The URL text of a value: a literal, a const, the literal side of `process.env.X ?? "…"`, or the text before a template's first interpolation. */
function urlStrings(expr: TSESTree.Node, sourceCode: Source, depth = 0): CodeString[] {
  const n = unwrap(expr);
  if (n.type === 'LogicalExpression' && (n.operator === '??' || n.operator === '||')) return [...urlStrings(n.left, sourceCode, depth + 1), ...urlStrings(n.right, sourceCode, depth + 1)];
  if (n.type === 'ConditionalExpression') return [...urlStrings(n.consequent, sourceCode), ...urlStrings(n.alternate, sourceCode)];
  if (n.type === 'Identifier' && depth < 4) {
    const init = constInit(n, sourceCode);
    return init ? urlStrings(init, sourceCode, depth + 1) : [];
  }
  const parts = stringParts(n, sourceCode);
  if (!parts.length) return [];
  const first = parts[0]!;
  if (parts.length === 1 && !first.partial) return [first];
  // Only a host written out before any interpolation can be judged (`https://host/${path}`).
  return /^[a-z][a-z0-9+.-]{0,30}:\/\/[^/]+\//i.test(first.value) ? [first] : [];
}

export interface ClientCall {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly name: string;
  readonly model: ModelNode;
}

/** The model node of an LLM client construction, or undefined when the call is not one. */
export function clientModel(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Source): ClientCall | undefined {
  const { name } = calleeName(node.callee);
  if (!name) return undefined;
  const isClient = node.type === 'NewExpression' ? CLIENT_CLASSES.has(name) : CLIENT_FACTORIES.has(name);
  if (!isClient) return undefined;
  const endpoints: StringField[] = [];
  const headers: StringField[] = [];
  const credentials: StringField[] = [];
  const visit = (obj: TSESTree.ObjectExpression | undefined, path: string[], depth: number) => {
    if (!obj || depth > 3) return;
    for (const p of obj.properties) {
      if (p.type !== 'Property') continue;
      const key = propName(p);
      if (!key) continue;
      if (NESTED.has(key)) {
        visit(objectOf(p.value, sourceCode), [...path, key], depth + 1);
      } else if (ENDPOINT_KEYS.has(key)) {
        for (const s of urlStrings(p.value, sourceCode)) endpoints.push(toField(s, key, [...path, key]));
      } else if (CREDENTIAL_KEYS.has(key)) {
        for (const s of stringParts(p.value, sourceCode)) {
          if (!s.partial) credentials.push(toField(s, key, [...path, key]));
        }
      } else if (HEADER_KEYS.has(key)) {
        const h = objectOf(p.value, sourceCode);
        for (const hp of h?.properties ?? []) {
          if (hp.type !== 'Property') continue;
          const hk = propName(hp);
          if (!hk) continue;
          for (const s of stringParts(hp.value, sourceCode)) {
            if (s.partial) continue;
            const field = toField(s, hk, [...path, key, hk]);
            if (CREDENTIAL_HEADER.test(hk)) credentials.push(field);
            else if (!ATTRIBUTION_HEADER.test(hk)) headers.push(field);
          }
        }
      }
    }
  };
  visit(objectOf(node.arguments[0], sourceCode), [], 0);
  if (!endpoints.length && !headers.length) return undefined;
  const model: ModelNode = { type: 'model', provider: name, endpoints, proxies: [], headers, credentials, start: node.range[0], end: node.range[1] };
  return { node, name, model };
}
