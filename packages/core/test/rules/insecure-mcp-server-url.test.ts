import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, assertFindings, lint, lintAll, loc, type Expected } from './_helpers.ts';

const RULE = 'insecure-mcp-server-url';

function risky(at: Expected['at'], securitySeverity: Expected['securitySeverity'], message: string[]): Expected {
  return { ruleId: RULE, messageId: 'risky', securitySeverity, at, message };
}
function notAllowed(at: Expected['at'], message: string[] = []): Expected {
  return { ruleId: RULE, messageId: 'notAllowed', securitySeverity: 'high', at, message: ['mcpAllowedHosts', ...message] };
}

describe('insecure-mcp-server-url', () => {
  describe('remote server URLs (Cursor / Claude mcpServers, JSONC)', () => {
    const text = `{
  // team MCP servers
  "mcpServers": {
    "internal-docs": { "url": "http://10.0.0.5:8080/sse" },
    "demo": { "url": "https://a1b2-203-0-113-9.ngrok-free.app/mcp" },
    "collector": { "type": "http", "url": "https://webhook.site/2f0c8c9e-0000-4000-8000-000000000000" },
    "lookalike": { "url": "https://mcp.github.com@mcp.evil.example/mcp" },
    "socket": { "url": "ws://mcp.example.com/ws" },
    "bare-ip": { "url": "https://198.51.100.20/mcp" },
    "vpc": { "url": "https://10.1.2.3/mcp" },
    "company": { "url": "https://mcp.example.com/mcp" },
    "local": { "url": "http://localhost:3000/sse" },
    "loopback": { "url": "http://127.0.0.1:8080/mcp" },
    "compose": { "url": "http://mcp-server:8080/sse" },
    "from-input": { "type": "http", "url": "\${input:mcp_url}" }
  }
}
`;

    it('reports plain HTTP, private and public IPs, tunnels, catchers, look-alikes and ws://', async () => {
      assertFindings(await lint(RULE, text, '.cursor/mcp.json'), [
        risky(loc(text, '10.0.0.5:8080'), 'critical', ["MCP server 'internal-docs'", "'10.0.0.5'", 'raw private IP address', 'unencrypted http://']),
        risky(loc(text, 'a1b2-203-0-113-9.ngrok-free.app'), 'critical', ["MCP server 'demo'", 'tunnel or request-catcher']),
        risky(loc(text, 'webhook.site'), 'critical', ["MCP server 'collector'", 'tunnel or request-catcher']),
        risky(loc(text, 'mcp.github.com@mcp.evil.example'), 'critical', ["MCP server 'lookalike'", "'mcp.evil.example'", 'look-alike']),
        risky(loc(text, 'mcp.example.com', 1), 'critical', ["MCP server 'socket'", 'unencrypted ws://']),
        risky(loc(text, '198.51.100.20'), 'critical', ['raw public IP address']),
        risky(loc(text, '10.1.2.3'), 'high', ['raw private IP address']),
      ]);
    });

    it('reports hosts missing from settings.promptlint.mcpAllowedHosts, never local ones', async () => {
      const messages = await lint(RULE, text, '.cursor/mcp.json', { settings: { mcpAllowedHosts: ['mcp.internal.example'] } });
      const allowlisted = messages.filter((m) => m.messageId === 'notAllowed');
      assertFindings(allowlisted, [notAllowed(loc(text, 'mcp.example.com', 2), ["MCP server 'company'", "'mcp.example.com'"])]);
      assert.equal(messages.length, 8);
    });

    it('accepts listed hosts and patterns', async () => {
      for (const allowed of [['mcp.example.com'], ['*.example.com'], ['https://mcp.example.com/']]) {
        const messages = await lint(RULE, text, '.cursor/mcp.json', { settings: { mcpAllowedHosts: allowed } });
        assert.equal(messages.filter((m) => m.messageId === 'notAllowed').length, 0, allowed.join());
      }
    });

    it('is clean for an HTTPS server on a named host by default', async () => {
      const ok = '{\n  "mcpServers": {\n    "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" },\n    "company": { "url": "https://mcp.example.com/mcp" }\n  }\n}\n';
      assertClean(await lint(RULE, ok, '.cursor/mcp.json'));
    });
  });

  describe('stdio bridges', () => {
    it('reports the URL given to mcp-remote, and only to bridges', async () => {
      const text = `{
  "mcpServers": {
    "remote": { "command": "npx", "args": ["-y", "mcp-remote@0.1.18", "http://mcp.evil.example/sse", "--header", "Authorization: Bearer \${AUTH_TOKEN}"] },
    "remote-ok": { "command": "npx", "args": ["-y", "mcp-remote", "https://mcp.example.com/sse"] },
    "gateway": { "command": "npx", "args": ["-y", "supergateway", "--sse", "https://abc.trycloudflare.com/sse"] },
    "inline": { "command": "uvx", "args": ["mcp-proxy", "--url=http://203.0.113.50:9000/sse"] },
    "fetch": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-fetch", "http://docs.example.com"] }
  }
}
`;
      assertFindings(await lint(RULE, text, 'claude_desktop_config.json'), [
        risky(loc(text, 'mcp.evil.example'), 'critical', ["MCP server 'remote'", 'unencrypted http://']),
        risky(loc(text, 'abc.trycloudflare.com'), 'critical', ["MCP server 'gateway'", 'tunnel']),
        risky(loc(text, '203.0.113.50:9000'), 'critical', ["MCP server 'inline'", 'raw public IP address']),
      ]);
      const allow = await lint(RULE, text, 'claude_desktop_config.json', { settings: { mcpAllowedHosts: ['mcp.internal.example'] } });
      assertFindings(allow.filter((m) => m.messageId === 'notAllowed'), [notAllowed(loc(text, 'mcp.example.com'), ["MCP server 'remote-ok'"])]);
    });
  });

  describe('other clients and encodings', () => {
    it('reads VS Code servers, Windsurf serverUrl, and keeps positions inside JSON escapes', async () => {
      const vscode = '{\n  "inputs": [],\n  "servers": {\n    "legacy": { "type": "sse", "url": "http:\\/\\/192.168.1.20:8080\\/sse" }\n  }\n}\n';
      assertFindings(await lint(RULE, vscode, '.vscode/mcp.json'), [risky(loc(vscode, '192.168.1.20:8080'), 'critical', ["MCP server 'legacy'"])]);
      const windsurf = '{\n  "mcpServers": {\n    "tunnel": { "serverUrl": "https://abc123.loca.lt/mcp" }\n  }\n}\n';
      assertFindings(await lint(RULE, windsurf, 'mcp_config.json'), [risky(loc(windsurf, 'abc123.loca.lt'), 'critical', ['tunnel'])]);
    });

    it('reports a punycode host', async () => {
      const text = '{\n  "mcpServers": {\n    "gh": { "url": "https://mcp.g\u0456thub.com/mcp" }\n  }\n}\n';
      assertFindings(await lint(RULE, text, '.mcp.json'), [risky(loc(text, 'mcp.g\u0456thub.com'), 'critical', ['punycode'])]);
    });

    it('honours // promptlint-disable-next-line in JSONC', async () => {
      const text = `{
  "mcpServers": {
    // promptlint-disable-next-line insecure-mcp-server-url -- lab network, no TLS terminator yet
    "lab": { "url": "http://10.0.0.5:8080/sse" }
  }
}
`;
      const result = await lintAll(RULE, text, '.cursor/mcp.json');
      assertClean(result.messages);
      assert.equal(result.suppressedMessages.length, 1);
      assert.equal(result.suppressedMessages[0]!.suppressions[0]!.justification, 'lab network, no TLS terminator yet');
    });
  });
});
