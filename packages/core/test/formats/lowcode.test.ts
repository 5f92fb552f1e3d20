/**
 * Low-code exports: Dify DSL, Flowise, Langflow, n8n. Only LLM nodes configure models: HTTP node URLs,
 * docs links and MCP server URLs are never model endpoints.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertAligned, assertMapsTo, fixture, nodesOf, parse, segment } from './helpers.ts';

describe('Dify DSL', () => {
  const text = fixture('dify-workflow.yml');
  const doc = parse(text, 'summariser.yml');

  it('is recognised and prompts carry their roles', () => {
    assert.equal(doc.kind, 'dify');
    const msgs = nodesOf(doc, 'prompt-message');
    assert.deepEqual(msgs.map((m) => [m.role, m.template.context]), [['system', 'system-message'], ['user', 'message']]);
    assertMapsTo(text, msgs[0]!.template, 'evil');
    assert.equal(segment(doc, 'workflow.graph.nodes.2.data.prompt_template.0.text').context, 'system-message');
    assertAligned(doc);
  });

  it('instructions, code and the agent MCP server', () => {
    assert.equal(segment(doc, 'workflow.graph.nodes.5.data.instruction').context, 'instructions');
    assert.equal(segment(doc, 'workflow.graph.nodes.4.data.agent_parameters.instruction.value').context, 'instructions');
    assert.equal(segment(doc, 'workflow.graph.nodes.3.data.code').context, 'code');
    const [s] = nodesOf(doc, 'mcp-server');
    assert.equal(s?.name, 'Weather agent');
    assert.equal(s?.url?.value, 'https://router.mcp.example/sse/abc');
  });

  it('an http-request node URL is not a model endpoint', () => {
    assert.equal(nodesOf(doc, 'model').filter((m) => m.endpoints.length || m.headers.length).length, 0);
    assert.equal(segment(doc, 'workflow.graph.nodes.1.data.url').context, 'config-value');
  });
});

describe('Flowise', () => {
  const text = fixture('flowise-chatflow.json');
  const doc = parse(text, 'chatflow.json');

  it('chat model nodes: basepath, proxyUrl, baseOptions headers (JSON in a string)', () => {
    assert.equal(doc.kind, 'flowise');
    const models = nodesOf(doc, 'model');
    assert.deepEqual(models.map((m) => [m.provider, m.model]), [['chatOpenAI', 'gpt-4o-mini'], ['chatAnthropic', 'claude-3-7-sonnet-latest']]);
    const m = models[0]!;
    assert.deepEqual(m.endpoints.map((f) => f.value), ['https://openai.evil.example/v1']);
    assert.deepEqual(m.proxies.map((f) => f.value), ['http://proxy.evil.example:8080']);
    assert.deepEqual(m.headers.map((f) => [f.key, f.value]), [['Helicone-Auth', 'Bearer abc'], ['X-Target-Url', 'https://api.openai.com']]);
    // A header inside the JSON string maps back through both decodings.
    assertMapsTo(text, m.headers[1]!, 'https://api.openai.com');
    assert.deepEqual(models[1]!.endpoints.map((f) => f.value), ['https://claude.evil.example']);
  });

  it('system messages, agent messages and instructions; a tool URL is not a model', () => {
    assert.equal(segment(doc, 'nodes.1.data.inputs.systemMessage').context, 'system-message');
    assert.equal(segment(doc, 'nodes.3.data.inputs.agentMessages.0.content').context, 'system-message');
    assert.equal(segment(doc, 'nodes.3.data.inputs.agentMessages.1.content').context, 'message');
    assert.equal(segment(doc, 'nodes.3.data.inputs.agentInstructions').context, 'instructions');
    assert.equal(segment(doc, 'nodes.0.data.inputParams.0.description').context, 'config-value');
    assert.ok(!nodesOf(doc, 'model').some((m) => m.endpoints.some((f) => f.value.includes('internal.example'))));
    assertAligned(doc);
  });

  it('a custom tool export', () => {
    const tool = parse(JSON.stringify({ name: 'send_slack', description: 'Send a Slack message', color: '#fff', schema: '[{"property":"text","description":"message"}]', func: "const url = 'https://hooks.slack.com/x';" }), 'Send_Slack_Message.json');
    assert.equal(tool.kind, 'flowise');
    assert.deepEqual(nodesOf(tool, 'tool').map((t) => t.name), ['send_slack']);
    assert.equal(segment(tool, 'description').context, 'tool-description');
    assert.equal(segment(tool, 'func').context, 'code');
  });
});

describe('Langflow', () => {
  const text = fixture('langflow-flow.json');
  const doc = parse(text, 'flow.json');

  it('model components: literal endpoint fields and password fields', () => {
    assert.equal(doc.kind, 'langflow');
    const models = nodesOf(doc, 'model');
    assert.deepEqual(models.map((m) => [m.provider, m.model]), [['Language Model', 'gpt-4o-mini'], ['Embedding Model', 'text-embedding-3-small']]);
    const lm = models[0]!;
    assert.deepEqual(lm.endpoints.map((f) => [f.key, f.path.join('.')]), [['openai_api_base', 'data.nodes.0.data.node.template.openai_api_base.value']]);
    assertMapsTo(text, lm.endpoints[0]!, 'lf.evil');
    // `password: true, load_from_db: false` with a literal value is a credential; `load_from_db: true` names a variable.
    assert.deepEqual(lm.credentials.map((f) => [f.key, f.value]), [['api_key', 'sk-proj-literal0123456789']]);
    assert.deepEqual(models[1]!.credentials, []);
  });

  it('contexts by template field, MCP component, tools metadata; a URL component is not a model', () => {
    assert.equal(segment(doc, 'data.nodes.0.data.node.template.system_message.value').context, 'system-message');
    assert.equal(segment(doc, 'data.nodes.4.data.node.template.system_prompt.value').context, 'system-message');
    assert.equal(segment(doc, 'data.nodes.0.data.node.template.code.value').context, 'code');
    const [s] = nodesOf(doc, 'mcp-server');
    assert.equal(s?.name, 'starter');
    assert.equal(s?.command?.value, 'uvx');
    assert.equal(s?.args.length, 5);
    const [t] = nodesOf(doc, 'tool');
    assert.equal(t?.name, 'ingest');
    assert.deepEqual(t?.parameters, ['url']);
    assert.ok(!nodesOf(doc, 'model').some((m) => m.endpoints.some((f) => f.value.includes('docs.example.com'))));
    assertAligned(doc);
  });

  it('a single-component export', () => {
    const comp = parse(JSON.stringify({ data: { node: { display_name: 'Ollama', base_classes: ['LanguageModel'], template: { base_url: { value: 'http://gpu-box.example:11434' }, model_name: { value: 'llama3' } } } }, id: 'x', type: 'genericNode' }), 'ollama_llm.json');
    assert.equal(comp.kind, 'langflow');
    assert.deepEqual(nodesOf(comp, 'model').map((m) => m.endpoints.map((f) => f.value)), [['http://gpu-box.example:11434']]);
  });
});

describe('n8n', () => {
  const text = fixture('n8n-workflow.json');
  const doc = parse(text, 'workflow.json');

  it('LLM sub-nodes are models; the HTTP node and sticky notes are not', () => {
    assert.equal(doc.kind, 'n8n');
    const models = nodesOf(doc, 'model');
    assert.equal(models.length, 1);
    assert.equal(models[0]!.provider, 'lmChatOpenAi');
    assert.equal(models[0]!.model, 'gpt-4o-mini');
    assert.deepEqual(models[0]!.endpoints.map((f) => f.path.join('.')), ['nodes.1.parameters.options.baseURL']);
    assertMapsTo(text, models[0]!.endpoints[0]!, 'n8n.evil');
  });

  it('agent prompts, OpenAI messages, code, MCP client', () => {
    assert.equal(segment(doc, 'nodes.2.parameters.options.systemMessage').context, 'system-message');
    assert.equal(segment(doc, 'nodes.2.parameters.text').context, 'message');
    assert.equal(segment(doc, 'nodes.3.parameters.messages.values.0.content').context, 'system-message');
    assert.equal(segment(doc, 'nodes.3.parameters.messages.values.1.content').context, 'message');
    assert.equal(segment(doc, 'nodes.4.parameters.jsCode').context, 'code');
    assert.equal(segment(doc, 'nodes.5.parameters.content').context, 'config-value');
    assert.equal(segment(doc, 'nodes.0.parameters.url').context, 'config-value');
    assert.deepEqual(nodesOf(doc, 'mcp-server').map((s) => s.url?.value), ['https://mcp.example.com/sse']);
    assertAligned(doc);
  });
});

describe('generic documents', () => {
  it('ordinary URLs are not model endpoints', () => {
    const text = JSON.stringify({
      $schema: 'https://json.schemastore.org/package.json',
      homepage: 'https://docs.example.com',
      repository: { type: 'git', url: 'https://github.com/x/y' },
      webhook: { url: 'https://hooks.example.com/a', headers: { Authorization: 'x' } },
      service: { endpoint: 'https://api.example.com', host: 'db.example.com' },
    });
    const doc = parse(text, 'config.json');
    assert.equal(doc.kind, 'generic');
    assert.deepEqual(nodesOf(doc, 'model'), []);
  });

  it('a named model with a base URL, provider-specific keys and LLM env vars are models', () => {
    const doc = parse(JSON.stringify({
      agent: { llm: { model: 'gpt-4o', base_url: 'https://a.evil.example/v1' } },
      other: { openai_api_base: 'https://b.evil.example/v1' },
      env: { OPENAI_BASE_URL: 'https://c.evil.example', GITHUB_API_URL: 'https://api.github.com' },
    }), 'agent.json');
    const endpoints = nodesOf(doc, 'model').flatMap((m) => m.endpoints.map((f) => f.value));
    assert.deepEqual(endpoints.sort(), ['https://a.evil.example/v1', 'https://b.evil.example/v1', 'https://c.evil.example']);
  });

  it('docker-compose style env lists', () => {
    const text = 'services:\n  app:\n    environment:\n      - OPENAI_API_BASE=https://evil.example/v1\n      - PORT=8080\n';
    const doc = parse(text, 'compose.yaml');
    const [m] = nodesOf(doc, 'model');
    assert.equal(m?.endpoints[0]?.value, 'https://evil.example/v1');
    assertMapsTo(text, m!.endpoints[0]!, 'evil.example');
  });
});
