import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, ruleById } from '@promptlint/core';
import { ADVERSARIAL_BUDGET_MS, expectFindings, lint, loc, type Want } from './_supply-chain-helpers.ts';
import { KNOWN_DOCKER, KNOWN_NPM, KNOWN_PYPI } from '../../src/rules/_known-sources.ts';
import { resemblance } from '../../src/rules/lookalike-package.ts';

const RULE = 'lookalike-package';
const want = (messageId: string, at: Want['at'], securitySeverity: Want['securitySeverity'], message: string[] = []): Want => ({ messageId, at, securitySeverity, message });

describe('lookalike-package', () => {
  it('reports npm scope confusion: look-alike scopes, a scope with a suffix, the scope flattened into an unscoped name', async () => {
    const text = `{
  "mcpServers": {
    "a": { "command": "npx", "args": ["-y", "@modelcontextprotocol-server/github"] },
    "b": { "command": "npx", "args": ["-y", "@model-context-protocol/server-github@1.0.0"] },
    "c": { "command": "npx", "args": ["-y", "modelcontextprotocol-server-github"] },
    "d": { "command": "npx", "args": ["-y", "@modelcontextprotoco1/server-filesystem", "/tmp"] },
    "e": { "command": "npx -y @up-stash/context7-mcp" },
    "f": { "command": "npx", "args": ["-y", "playwright-mcp"] }
  }
}
`;
    expectFindings(RULE, await lint(RULE, text, '.cursor/mcp.json'), [
      want('package', loc(text, '@modelcontextprotocol-server/github'), 'high', ["MCP server 'a'", "npm package '@modelcontextprotocol-server/github'", "well-known '@modelcontextprotocol'", 'look-alike npm scope']),
      want('package', loc(text, '@model-context-protocol/server-github@1.0.0'), 'high', ["'@model-context-protocol/server-github'", "'@modelcontextprotocol/server-github'"]),
      want('package', loc(text, 'modelcontextprotocol-server-github'), 'high', ["'@modelcontextprotocol/server-github'"]),
      want('package', loc(text, '@modelcontextprotoco1/server-filesystem'), 'high', ["'@modelcontextprotocol/server-filesystem'"]),
      want('package', loc(text, '@up-stash/context7-mcp'), 'high', ["'@upstash/context7-mcp'"]),
      want('package', loc(text, 'playwright-mcp'), 'high', ["'@playwright/mcp'"]),
    ]);
  });

  it('reports typos, swapped letters, other separators and a dropped scope', async () => {
    const text = `mcpServers:
  files:
    command: npx
    args: [-y, mcp-server-filesytem, /home]
  files2:
    command: npx
    args: [-y, server_filesystem]
  fetch:
    command: uvx
    args: [mcp-server-fecth]
  git:
    command: pipx
    args: [run, mcpservergit]
  fire:
    command: npx
    args: [-y, firecrawl-mpc]
  gh:
    command: docker
    args: [run, -i, --rm, -e, GITHUB_PERSONAL_ACCESS_TOKEN, ghcr.io/githb/github-mcp-server]
  hub:
    command: docker
    args: [run, -i, --rm, docker.io/rncp/fetch:1.0]
`;
    expectFindings(RULE, await lint(RULE, text, 'mcp.yaml'), [
      want('package', loc(text, 'mcp-server-filesytem'), 'high', ["'@modelcontextprotocol/server-filesystem'", 'a letter or two apart']),
      want('package', loc(text, 'server_filesystem'), 'high', ["'@modelcontextprotocol/server-filesystem'", 'without its npm scope']),
      want('package', loc(text, 'mcp-server-fecth'), 'high', ["PyPI package 'mcp-server-fecth'", "'mcp-server-fetch'", 'two letters swapped']),
      want('package', loc(text, 'mcpservergit'), 'high', ["'mcp-server-git'", 'only the separators differ']),
      want('package', loc(text, 'firecrawl-mpc'), 'high', ["'firecrawl-mcp'"]),
      want('package', loc(text, 'ghcr.io/githb/github-mcp-server'), 'high', ["image 'ghcr.io/githb/github-mcp-server'", "'ghcr.io/github/github-mcp-server'"]),
      want('package', loc(text, 'docker.io/rncp/fetch:1.0'), 'high', ["'mcp/fetch'"]),
    ]);
  });

  it('reports non-ASCII look-alike letters as critical, in JSON escapes too', async () => {
    const text = `{
  "mcpServers": {
    "a": { "command": "npx", "args": ["-y", "@modelcontextprotoc\u043el/server-github"] },
    "b": { "command": "uvx", "args": ["mcp-server-f\\u0435tch"] }
  }
}
`;
    expectFindings(RULE, await lint(RULE, text, '.vscode/mcp.json'), [
      want('package', loc(text, '@modelcontextprotoc\u043el/server-github'), 'critical', ["'@modelcontextprotocol/server-github'", 'non-ASCII look-alike letters']),
      want('package', loc(text, 'mcp-server-f\\u0435tch'), 'critical', ["'mcp-server-fetch'"]),
    ]);
  });

  it('reports remote MCP hosts that imitate a well-known one', async () => {
    const text = `{
  "servers": {
    "copilot": { "type": "http", "url": "https://api.githubcopi1ot.com/mcp/" },
    "notion": { "type": "http", "url": "https://mcp.n\u043etion.com/mcp" },
    "linear": { "type": "sse", "url": "https://mcp.linnear.app/sse" },
    "ok1": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" },
    "ok2": { "type": "http", "url": "https://mcp.notion.com/mcp" },
    "ok3": { "type": "http", "url": "https://mcp.example.com/mcp" },
    "ok4": { "type": "http", "url": "http://localhost:8123/sse" },
    "ok5": { "type": "http", "url": "\${input:url}" },
    "ok6": { "type": "http", "url": "https://mcp.motion.com/mcp" },
    "ok7": { "type": "http", "url": "https://mcp.linear.dev/mcp" }
  }
}
`;
    expectFindings(RULE, await lint(RULE, text, '.vscode/mcp.json'), [
      want('host', loc(text, 'api.githubcopi1ot.com'), 'high', ["'api.githubcopi1ot.com'", "'githubcopilot.com'"]),
      want('host', loc(text, 'mcp.n\u043etion.com'), 'critical', ["'notion.com'", 'non-ASCII']),
      want('host', loc(text, 'mcp.linnear.app'), 'high', ["'linear.app'"]),
    ]);
  });

  it('reports LangChain hub owners that imitate a well-known one, at the owner', async () => {
    const text = `agent:
  hub_prompt: hwchase71/react
  prompt_ref: langchain-hub://langchian-ai/rag-prompt:1a2b3c4d
  hub: r1m/rag-prompt
  ok1: { hub_prompt: hwchase17/react }
  ok2: { hub_prompt: "rlm/rag-prompt:50442af1" }
  ok3: { hub_prompt: acme/support-bot }
  ok4: { lc_hub_owner: "-" }
  ok5: { template_path: prompts/hwchase71.yaml }
`;
    expectFindings(RULE, await lint(RULE, text, 'agent.yaml'), [
      want('hubOwner', loc(text, 'hwchase71'), 'medium', ["'hwchase71'", "'hwchase17'", 'two letters swapped']),
      want('hubOwner', loc(text, 'langchian-ai'), 'medium', ["'langchain-ai'"]),
      want('hubOwner', loc(text, 'r1m'), 'medium', ["'rlm'", 'look-alike characters']),
    ]);
  });

  it('reads mcp-servers in a custom agent front matter', async () => {
    const text = `---
name: helper
mcp-servers:
  files:
    type: local
    command: npx
    args: ["-y", "@modelcontextprotocol/server-filesytem"]
  git:
    type: local
    command: uvx
    args: ["mcp-server-gti"]
---
Help with files.
`;
    // A typo inside the official scope cannot be squatted (only the owner publishes there; npx fails instead).
    expectFindings(RULE, await lint(RULE, text, '.github/agents/helper.agent.md'), [
      want('package', loc(text, 'mcp-server-gti'), 'high', ["MCP server 'git'", "'mcp-server-git'", 'two letters swapped']),
    ]);
    const bad = text.replace('@modelcontextprotocol/server-filesytem', '@modelcontextprotocoI/server-filesystem').replace('mcp-server-gti', 'mcp-server-git');
    expectFindings(RULE, await lint(RULE, bad, '.github/agents/helper.agent.md'), [
      want('package', loc(bad, '@modelcontextprotocoI/server-filesystem'), 'high', ["'@modelcontextprotocol/server-filesystem'"]),
    ]);
  });

  it('never reports a listed name, a package in a listed scope or namespace, or an unrelated name', async () => {
    const servers: string[] = [];
    KNOWN_NPM.forEach((n, i) => servers.push(`"n${i}": { "command": "npx", "args": ["-y", "${n}@1.0.0"] }`));
    KNOWN_PYPI.forEach((n, i) => servers.push(`"p${i}": { "command": "uvx", "args": ["${n}==1.0"] }`));
    KNOWN_DOCKER.forEach((n, i) => servers.push(`"d${i}": { "command": "docker", "args": ["run", "-i", "--rm", "${n}:1.0"] }`));
    const others = [
      ['npx', '@modelcontextprotocol/server-new-thing'], ['npx', '@acme/files-mcp'], ['npx', 'weather-mcp'], ['npx', 'notes-mcp@1.2.3'],
      ['npx', '@google/gemini-cli'], ['npx', '@anthropic-ai/claude-code'], ['npx', 'tsx'], ['npx', 'mcp-remote@0.1.16'],
      ['npx', 'postgres-mcp-server'], ['npx', 'mcp-server-sqlite3'], ['npx', 'mcp-server-github2'], ['npx', '@azure-tools/mcp'],
      ['uvx', 'mcp_server_fetch'], ['uvx', 'MCP-Server-Git'], ['uvx', 'mcp.server.time'], ['uvx', 'my-weather-server'],
      ['uvx', 'awslabs.cdk-mcp-server'], ['docker', 'mcp/some-new-server'], ['docker', 'docker.io/mcp/fetch'], ['docker', 'postgres'],
      ['docker', 'acme/mcp-fetch'], ['docker', 'ghcr.io/github/other-tool'],
      // community servers whose names share the usual affixes with a listed one but name another service
      ['uvx', 'mcp-server-gitea'], ['uvx', 'mcp-server-line'], ['uvx', 'mcp-server-fetcher'], ['uvx', 'mcp-server-tmux'],
      ['npx', 'kubernetes-mcp-server'], ['npx', 'mcp-server-postgresql'], ['npx', 'github-mcp-server'], ['npx', 'mcp-server-playwright'],
      ['npx', '@googlemaps/code-assist-mcp'], ['npx', '@google-cloud/mcp'], ['npx', '@browserbasehq-labs/mcp'], ['npx', '@github/github-mcp-server'],
      ['npx', '@supabase-community/supabase-mcp'], ['npx', '@mendable/firecrawl-mcp'], ['npx', 'obsidian-mcp-server'], ['npx', 'mcp-server-puppeteer'],
    ];
    others.forEach(([cmd, pkg], i) => servers.push(`"o${i}": { "command": "${cmd}", "args": [${cmd === 'docker' ? '"run", ' : ''}"${pkg}"] }`));
    const text = `{ "mcpServers": { ${servers.join(',\n')} } }`;
    expectFindings(RULE, await lint(RULE, text, '.mcp.json'), []);
  });

  it('does not confuse listed names with each other', () => {
    for (const list of [KNOWN_NPM, KNOWN_PYPI, KNOWN_DOCKER]) assert.equal(new Set(list).size, list.length, 'duplicates in _known-sources.ts');
    assert.equal(resemblance('mcp-server-fetch', 'mcp-server-fetch'), undefined);
    assert.equal(resemblance('mcp-server-fecth', 'mcp-server-fetch'), 'swap');
    assert.equal(resemblance('mcp-server-fetch2', 'mcp-server-fetch'), undefined);
    assert.equal(resemblance('slack', 'black'), undefined, 'five letters are too short to judge');
    assert.equal(resemblance('mcp-server-gitea', 'mcp-server-git'), undefined, 'the edit falls in a three-letter word');
    assert.equal(resemblance('mcp-server-line', 'mcp-server-time'), undefined);
    assert.equal(resemblance('mcp-server-filesytem', 'mcp-server-filesystem'), 'typo');
  });

  it('can be suppressed inline in JSONC', async () => {
    const text = `{
  "mcpServers": {
    // promptlint-disable-next-line lookalike-package -- internal fork, reviewed
    "a": { "command": "npx", "args": ["-y", "mcp-server-filesytem"] }
  }
}
`;
    const r = await lintText(text, { filePath: '.cursor/mcp.json', rules: [{ rule: ruleById(RULE)!, severity: 2 }] });
    assert.equal(r.messages.length, 0);
    assert.equal(r.suppressedMessages.length, 1);
  });

  it('lints 1 MB of adversarial near-miss names quickly', async () => {
    const servers = Array.from({ length: 4500 }, (_, i) => `"s${i}": { "command": "npx", "args": ["-y", "@modelcontextprotocol-${'x'.repeat(i % 50)}/server-filesystemm", "${'-'.repeat(40)}"], "url": "https://mcp.githubcopilot${i}.com/" }`);
    const long = `"long": { "command": "npx", "args": ["-y", "@${'m'.repeat(200)}/${'s'.repeat(200)}", "${'a'.repeat(300000)}"] }`;
    const hub = Array.from({ length: 2000 }, (_, i) => `"h${i}": { "hub_prompt": "hwchase${i}/react" }`);
    // One server per line: a line over the 1 MB line limit would be linted as raw text, without the rule's nodes.
    const text = `{ "mcpServers": {\n${servers.join(',\n')},\n${long} },\n"prompts": {\n${hub.join(',\n')} } }`;
    assert.ok(text.length > 1_000_000);
    const t0 = performance.now();
    const r = await lintText(text, { filePath: '.mcp.json', rules: [{ rule: ruleById(RULE)!, severity: 2 }] });
    assert.ok(r.messages.some((m) => m.ruleId === RULE), 'the servers were read');
    assert.ok(performance.now() - t0 < ADVERSARIAL_BUDGET_MS, `took ${performance.now() - t0} ms`);
  });
});
