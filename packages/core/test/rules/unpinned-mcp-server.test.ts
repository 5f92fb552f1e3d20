import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, ruleById } from '@promptlint/core';
import { ADVERSARIAL_BUDGET_MS, expectFindings, lint, lintCorpusFile, loc, realWorldFiles, CORPUS_DIR, type Want } from './_supply-chain-helpers.ts';

const RULE = 'unpinned-mcp-server';
const want = (messageId: string, at: Want['at'], securitySeverity: Want['securitySeverity'] = 'medium', message: string[] = []): Want => ({ messageId, at, securitySeverity, message });

describe('unpinned-mcp-server', () => {
  it('reports npx, bunx, pnpm/yarn dlx without a version or at @latest, scoped and unscoped, at the package argument', async () => {
    const text = `{
  "mcpServers": {
    "a": { "command": "npx", "args": ["-y", "@acme/files-mcp"] },
    "b": { "command": "npx", "args": ["--yes", "weather-mcp@latest"] },
    "c": { "command": "bunx", "args": ["notes-mcp"] },
    "d": { "command": "pnpm", "args": ["dlx", "@acme/db-mcp@next"] },
    "e": { "command": "yarn", "args": ["dlx", "search-mcp@^1.2.0"] },
    "f": { "command": "npx", "args": ["-y", "--package=tools-mcp", "tools-mcp-bin"] },
    "g": { "command": "npx -y shell-mcp" },
    "h": { "command": "npx", "args": ["-y", "\\u0040acme/esc-mcp"] },
    "ok1": { "command": "npx", "args": ["-y", "@acme/files-mcp@1.4.2"] },
    "ok2": { "command": "npx", "args": ["-y", "weather-mcp@0.3.0-beta.1"] },
    "ok3": { "command": "npx", "args": ["-y", "./local-server.js"] },
    "ok4": { "command": "node", "args": ["dist/index.js"] },
    "ok5": { "command": "npx", "args": ["-y", "\${input:pkg}"] },
    "ok6": { "command": "npx", "args": ["-y", "weather-mcp@\${WEATHER_MCP_VERSION}"] }
  }
}
`;
    expectFindings(RULE, await lint(RULE, text, '.cursor/mcp.json'), [
      want('unpinned', loc(text, '@acme/files-mcp'), 'medium', ["MCP server 'a'", "'@acme/files-mcp'", 'through npx without a version', "'@acme/files-mcp@1.2.3'"]),
      want('tag', loc(text, 'weather-mcp@latest'), 'medium', ["'weather-mcp'", "moving tag 'latest'"]),
      want('unpinned', loc(text, 'notes-mcp'), 'medium', ['through bunx']),
      want('tag', loc(text, '@acme/db-mcp@next'), 'medium', ['through pnpm dlx', "'next'"]),
      want('range', loc(text, 'search-mcp@^1.2.0'), 'low', ['through yarn dlx', "range '^1.2.0'"]),
      want('unpinned', loc(text, 'tools-mcp'), 'medium', ["'tools-mcp'"]),
      want('unpinned', loc(text, 'shell-mcp'), 'medium', ["MCP server 'g'"]),
      want('unpinned', loc(text, '\\u0040acme/esc-mcp'), 'medium', ["'@acme/esc-mcp'"]),
    ]);
  });

  it('reports uvx / pipx run without ==version, flags between launcher and package handled', async () => {
    const text = `mcpServers:
  - name: git
    command: uvx
    args: [mcp-server-git, --repository, .]
  - name: fetch
    command: uvx
    args: ["--python", "3.12", "mcp-server-fetch@latest"]
  - name: time
    command: uvx
    args: ["--from", "mcp-server-time>=0.6", "mcp-server-time"]
  - name: pipx
    command: pipx
    args: [run, sqlite-mcp]
  - name: ok-eq
    command: uvx
    args: ["mcp-server-git==2025.1.14"]
  - name: ok-at
    command: uvx
    args: ["mcp-server-fetch@2025.4.7"]
  - name: ok-from
    command: uvx
    args: ["--from", "mcp-server-time==0.6.2", "mcp-server-time"]
  - name: ok-pipx
    command: pipx
    args: [run, --spec, "sqlite-mcp==1.0.0", sqlite-mcp]
`;
    expectFindings(RULE, await lint(RULE, text, '.continue/mcpServers/servers.yaml'), [
      want('unpinned', loc(text, 'mcp-server-git'), 'medium', ['through uvx', "'mcp-server-git==1.2.3'"]),
      want('tag', loc(text, 'mcp-server-fetch@latest'), 'medium', ["'mcp-server-fetch'"]),
      want('range', loc(text, 'mcp-server-time>=0.6'), 'low', ["'mcp-server-time'"]),
      want('unpinned', loc(text, 'sqlite-mcp'), 'medium', ['through pipx run']),
    ]);
  });

  it('reports docker run without a tag or with :latest; a tag or a digest is pinned; registry ports are not tags', async () => {
    const digest = 'sha256:' + 'a'.repeat(64);
    const text = `{
  "servers": {
    "gh": { "command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"] },
    "latest": { "command": "docker", "args": ["run", "-i", "--rm", "--name=x", "mcp/fetch:latest"] },
    "port": { "command": "docker", "args": ["run", "-i", "-v", "/data:/data", "localhost:5000/tools/mcp"] },
    "ok-tag": { "command": "docker", "args": ["run", "-i", "--rm", "mcp/fetch:1.2.0"] },
    "ok-digest": { "command": "docker", "args": ["run", "-i", "--rm", "mcp/fetch@${digest}"] },
    "ok-port-tag": { "command": "podman", "args": ["run", "localhost:5000/tools/mcp:2.1"] },
    "ok-env-tag": { "command": "docker", "args": ["run", "-i", "--memory-reservation", "512m", "ghcr.io/acme/mcp:\${MCP_TAG}"] }
  }
}
`;
    expectFindings(RULE, await lint(RULE, text, '.vscode/mcp.json'), [
      want('unpinned', loc(text, 'ghcr.io/github/github-mcp-server'), 'medium', ['through docker run without a tag or digest', '@sha256:']),
      want('tag', loc(text, 'mcp/fetch:latest'), 'medium', ["'mcp/fetch'"]),
      want('unpinned', loc(text, 'localhost:5000/tools/mcp'), 'medium', ["'localhost:5000/tools/mcp'"]),
    ]);
  });

  it('reads mcp-servers in agent front matter', async () => {
    const text = `---
name: helper
mcp-servers:
  files:
    type: local
    command: npx
    args: ["-y", "@acme/files-mcp@latest"]
---
Help with files.
`;
    expectFindings(RULE, await lint(RULE, text, '.github/agents/helper.agent.md'), [
      want('tag', loc(text, '@acme/files-mcp@latest'), 'medium', ["MCP server 'files'"]),
    ]);
  });

  it('reads Codex config.toml and honours JSONC and YAML directives', async () => {
    const toml = 'model = "o3"\n\n[mcp_servers.files]\ncommand = "npx"\nargs = ["-y", "@acme/files-mcp"]\n';
    expectFindings(RULE, await lint(RULE, toml, '.codex/config.toml'), [want('unpinned', loc(toml, '@acme/files-mcp'), 'medium', ["MCP server 'files'"])]);
    const jsonc = '{\n  "mcpServers": {\n    // promptlint-disable-next-line unpinned-mcp-server -- internal\n    "a": { "command": "npx", "args": ["-y", "@acme/files-mcp"] }\n  }\n}\n';
    const yaml = 'mcpServers:\n  - name: git\n    command: uvx\n    args: [mcp-server-git] # promptlint-disable-line unpinned-mcp-server -- renovate\n';
    for (const [file, text] of [['.cursor/mcp.json', jsonc], ['.continue/mcpServers/a.yaml', yaml]] as const) {
      const result = await lintText(text, { filePath: file, rules: [{ rule: ruleById(RULE)!, severity: 2 }] });
      assert.equal(result.messages.length, 0, file);
      assert.equal(result.suppressedMessages.length, 1, file);
    }
  });

  it('ignores servers started without a launcher and remote servers', async () => {
    const text = `{"mcpServers": {"a": {"command": "uv", "args": ["run", "server.py"]}, "b": {"url": "https://mcp.example.com/mcp"}, "c": {"command": "docker", "args": ["compose", "up"]}}}`;
    expectFindings(RULE, await lint(RULE, text, '.mcp.json'), []);
  });

  it('lints 1 MB of adversarial arguments quickly', async () => {
    const args = Array.from({ length: 20000 }, () => '"--package"').join(',');
    const text = `{"mcpServers": {"a": {"command": "npx", "args": [${args}, "${'-'.repeat(500000)}"]}}}`;
    const t0 = performance.now();
    await lintText(text, { filePath: '.mcp.json', rules: [{ rule: ruleById(RULE)!, severity: 2 }] });
    assert.ok(performance.now() - t0 < ADVERSARIAL_BUDGET_MS);
  });

  describe('real-world corpus', { skip: realWorldFiles().length === 0 ? `corpus not found at ${CORPUS_DIR}` : false }, () => {
    it('finds only the two unpinned servers it holds (docker :latest in an agent, uvx mcp-proxy in a Langflow flow)', async () => {
      const found: string[] = [];
      for (const f of realWorldFiles()) for (const m of await lintCorpusFile(RULE, f)) found.push(`${f.folder}:${m.messageId}:${m.message.slice(0, m.message.indexOf(' through'))}`);
      assert.deepEqual(found, [
        "copilot-agent-md:tag:MCP server 'custom-mcp' runs 'armlimited/arm-mcp'",
        "langflow:unpinned:MCP server 'lf-starter_project' runs 'mcp-proxy'",
      ]);
    });
  });
});
