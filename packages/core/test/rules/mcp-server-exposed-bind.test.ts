import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, ruleById } from '@promptlint/core';
import { ADVERSARIAL_BUDGET_MS, lint, loc, type Want } from './_supply-chain-helpers.ts';
import { expectFindings as expectAll } from './_supply-chain-helpers.ts';

const RULE = 'mcp-server-exposed-bind';
const want = (messageId: string, at: Want['at'], message: string[] = []): Want => ({ messageId, at, securitySeverity: 'high', message });
/** The rule's default severity is warn, but the helpers lint at severity 2. */
const expectFindings = (messages: Parameters<typeof expectAll>[1], wants: readonly Want[]) => expectAll(RULE, messages, wants);

describe('mcp-server-exposed-bind', () => {
  it('reports --host/--bind/--listen set to every interface, in args and in a command string', async () => {
    const text = `{
  "mcpServers": {
    "proxy": { "command": "uvx", "args": ["mcp-proxy", "--sse-host", "0.0.0.0", "--sse-port", "8096", "--", "npx", "-y", "some-mcp@1.0.0"] },
    "eq": { "command": "npx", "args": ["-y", "files-mcp@1.2.0", "--host=0.0.0.0"] },
    "v6": { "command": "python server.py --bind :: --port 9000" },
    "listen": { "command": "node", "args": ["server.js", "--listen", "0.0.0.0:3001"] },
    "br": { "command": "node", "args": ["server.js", "--host", "[::]"] },
    "ok1": { "command": "uvx", "args": ["mcp-proxy", "--sse-host", "127.0.0.1", "--sse-port", "8096"] },
    "ok2": { "command": "node", "args": ["server.js", "--host", "localhost"] },
    "ok3": { "command": "node", "args": ["server.js", "--host", "\${input:host}"] },
    "ok4": { "command": "node", "args": ["server.js", "--port", "0"] }
  }
}
`;
    expectFindings(await lint(RULE, text, '.cursor/mcp.json'), [
      want('flag', loc(text, '0.0.0.0', 1), ["MCP server 'proxy'", "'0.0.0.0'", '127.0.0.1']),
      want('flag', loc(text, '--host=0.0.0.0'), ["MCP server 'eq'"]),
      want('flag', loc(text, '::'), ["MCP server 'v6'"]),
      want('flag', loc(text, '0.0.0.0:3001'), ["MCP server 'listen'"]),
      want('flag', loc(text, '[::]'), ["MCP server 'br'"]),
    ]);
  });

  it('reports HOST, MCP_HOST, FASTMCP_HOST set to every interface in env and as a command prefix', async () => {
    const text = `mcp:
  servers:
    fast:
      command: uv
      args: [run, server.py]
      env:
        FASTMCP_HOST: "0.0.0.0"
        FASTMCP_PORT: "8000"
    plain:
      command: node
      args: [server.js]
      env: { HOST: "::", MCP_HOST: 127.0.0.1 }
    prefix:
      command: env MCP_HOST=0.0.0.0 node server.js
    ok:
      command: node
      args: [server.js]
      env: { HOST: localhost, MCP_HOST: "\${HOST}", OTHER_HOST: 0.0.0.0 }
`;
    expectFindings(await lint(RULE, text, 'mcp.yaml'), [
      want('env', loc(text, '0.0.0.0', 1), ["MCP server 'fast'", 'FASTMCP_HOST=0.0.0.0']),
      want('env', loc(text, '::'), ['HOST=::']),
      want('env', loc(text, 'MCP_HOST=0.0.0.0'), ["MCP server 'prefix'"]),
    ]);
  });

  it('reports docker run -p without a loopback address and -P, not the address the container listens on', async () => {
    const text = `{
  "mcpServers": {
    "a": { "command": "docker", "args": ["run", "-i", "--rm", "-p", "8080:8080", "mcp/fetch:1.0", "--host", "0.0.0.0"] },
    "b": { "command": "docker", "args": ["run", "--rm", "--publish=0.0.0.0:9000:9000/tcp", "mcp/time:1.0"] },
    "c": { "command": "docker run -d -P -p3000:3000 acme/mcp:1.0" },
    "d": { "command": "podman", "args": ["run", "-p", "[::]:7000:7000", "acme/mcp:1.0"] },
    "e": { "command": "docker", "args": ["run", "-i", "--rm", "--network", "host", "acme/mcp:1.0", "--transport", "sse", "--host=0.0.0.0"] },
    "ok1": { "command": "docker", "args": ["run", "-i", "--rm", "-p", "127.0.0.1:8080:8080", "mcp/fetch:1.0", "--host", "0.0.0.0"] },
    "ok2": { "command": "docker", "args": ["run", "-i", "--rm", "-e", "HOST=0.0.0.0", "mcp/fetch:1.0"], "env": { "HOST": "0.0.0.0" } },
    "ok3": { "command": "docker", "args": ["run", "-p", "[::1]:8080:8080", "-p", "192.168.1.10:8080:80", "acme/mcp:1.0", "-p", "9000:9000"] }
  }
}
`;
    expectFindings(await lint(RULE, text, '.mcp.json'), [
      want('publish', loc(text, '8080:8080', 1), ["MCP server 'a'", "'8080:8080'", "'-p 127.0.0.1:8080:8080'"]),
      want('publish', loc(text, '--publish=0.0.0.0:9000:9000/tcp'), ["'-p 127.0.0.1:9000:9000/tcp'"]),
      want('publishAll', loc(text, '-P'), ["MCP server 'c'"]),
      want('publish', loc(text, '-p3000:3000'), ["'-p 127.0.0.1:3000:3000'"]),
      want('publish', loc(text, '[::]:7000:7000'), ["MCP server 'd'"]),
      want('hostNetwork', loc(text, '--host=0.0.0.0'), ["MCP server 'e'", '--network host']),
    ]);
  });

  it('reads mcp-servers in agent front matter and Codex TOML', async () => {
    const md = `---
name: exposed
mcp-servers:
  web:
    type: local
    command: uvx
    args: ["some-server==1.0", "--transport", "sse", "--host", "0.0.0.0"]
---
Use the web tools.
`;
    expectFindings(await lint(RULE, md, '.github/agents/exposed.agent.md'), [want('flag', loc(md, '0.0.0.0'))]);
    const toml = `[mcp_servers.web]
command = "uvx"
args = ["some-server==1.0", "--host=0.0.0.0"]
`;
    expectFindings(await lint(RULE, toml, '.codex/config.toml'), [want('flag', loc(toml, '--host=0.0.0.0'))]);
  });

  it('can be suppressed inline in JSONC', async () => {
    const text = `{
  "mcpServers": {
    // promptlint-disable-next-line mcp-server-exposed-bind -- devcontainer: the client runs on the host
    "a": { "command": "uvx", "args": ["mcp-proxy", "--sse-host", "0.0.0.0"] }
  }
}
`;
    const r = await lintText(text, { filePath: '.cursor/mcp.json', rules: [{ rule: ruleById(RULE)!, severity: 2 }] });
    assert.equal(r.messages.length, 0);
    assert.equal(r.suppressedMessages.length, 1);
  });

  it('lints 1 MB of adversarial arguments quickly', async () => {
    const args = Array.from({ length: 40000 }, (_, i) => (i % 2 ? '"--host"' : '"-p"')).join(',');
    const text = `{"mcpServers": {"a": {"command": "node", "args": [${args}, "${'0'.repeat(300000)}"]},\n"b": {"command": "docker", "args": ["run", ${args}, "${':'.repeat(300000)}", "img"]},\n"c": {"command": "node", "args": ["s.js", "--host", "0.0.0.0"]}}}`;
    assert.ok(text.length > 1_000_000);
    const t0 = performance.now();
    const r = await lintText(text, { filePath: '.mcp.json', rules: [{ rule: ruleById(RULE)!, severity: 2 }] });
    assert.deepEqual(r.messages.map((m) => m.messageId), ['flag'], 'the JSON was read as JSON');
    assert.ok(performance.now() - t0 < ADVERSARIAL_BUDGET_MS, `took ${performance.now() - t0} ms`);
  });
});
