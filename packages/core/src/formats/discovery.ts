import picomatch from 'picomatch';
import type { FormatId } from '../types.ts';

/**
 * The discovery table: which files a directory walk takes, and which adapter reads them.
 * Patterns are matched against the path relative to the walked directory, with dotfiles allowed.
 * First match wins, so specific names stand before broad ones.
 */
export interface DiscoveryEntry {
  readonly patterns: readonly string[];
  readonly format: FormatId;
  readonly what: string;
}

export const DISCOVERY_TABLE: readonly DiscoveryEntry[] = [
  { what: 'Prompty prompt files', format: 'prompty', patterns: ['**/*.prompty'] },
  { what: 'Dotprompt / Genkit prompt files', format: 'dotprompt', patterns: ['**/*.prompt'] },
  { what: 'GitHub Models prompt files', format: 'yaml', patterns: ['**/*.prompt.yml', '**/*.prompt.yaml'] },
  {
    what: 'MCP client configs',
    format: 'json',
    patterns: [
      '**/.mcp.json', '**/mcp.json', '**/*.mcp.json', '**/.cursor/mcp.json', '**/.vscode/mcp.json', '**/claude_desktop_config.json',
      '**/mcp_config.json', '**/mcp_settings.json', '**/cline_mcp_settings.json', '**/.roo/mcp.json', '**/.kilocode/mcp.json',
      '**/.kiro/settings/mcp.json', '**/.gemini/settings.json', '**/opencode.json', '**/opencode.jsonc', '**/.vscode/settings.json',
      '**/.claude.json',
    ],
  },
  { what: 'Codex configs', format: 'toml', patterns: ['**/.codex/config.toml', '**/codex/config.toml'] },
  { what: 'MCP tools/list snapshots', format: 'json', patterns: ['**/*tools-list*.json', '**/*tools_list*.json', '**/mcp-tools*.json', '**/__toolsnaps__/*.snap'] },
  { what: 'Claude Code settings', format: 'json', patterns: ['**/.claude/settings.json', '**/.claude/settings.local.json'] },
  { what: 'AutoGen OAI_CONFIG_LIST', format: 'json', patterns: ['**/OAI_CONFIG_LIST', '**/OAI_CONFIG_LIST*.json', '**/OAI_CONFIG_LIST_sample'] },
  { what: 'LangChain / LangSmith hub exports', format: 'json', patterns: ['**/*.hub.json', '**/*.lc.json', '**/hub/**/*.json', '**/prompts/**/*.json'] },
  { what: 'CrewAI agents and tasks', format: 'yaml', patterns: ['**/config/agents.yaml', '**/config/agents.yml', '**/config/tasks.yaml', '**/config/tasks.yml'] },
  { what: 'promptfoo configs', format: 'yaml', patterns: ['**/promptfooconfig*.yaml', '**/promptfooconfig*.yml'] },
  { what: 'Continue configs', format: 'yaml', patterns: ['**/.continue/**/*.yaml', '**/.continue/**/*.yml'] },
  { what: 'Agent and prompt YAML', format: 'yaml', patterns: ['**/prompts/**/*.yaml', '**/prompts/**/*.yml', '**/agents/**/*.yaml', '**/agents/**/*.yml', '**/*.agent.yaml', '**/*.agent.yml'] },
  { what: 'Agent and prompt JSON', format: 'json', patterns: ['**/agents/**/*.json', '**/*.agent.json'] },
  {
    what: 'Instruction and rules files',
    format: 'markdown',
    patterns: [
      '**/AGENTS.md', '**/AGENT.md', '**/CLAUDE.md', '**/CLAUDE.local.md', '**/GEMINI.md', '**/SKILL.md', '**/.cursorrules', '**/.windsurfrules',
      '**/.clinerules', '**/.cursor/rules/**/*.mdc', '**/.cursor/rules/**/*.md', '**/*.mdc', '**/.windsurf/rules/**/*', '**/.clinerules/**/*.md',
      '**/.github/copilot-instructions.md', '**/.github/instructions/**/*.md', '**/.github/prompts/**/*.md', '**/.github/agents/**/*.md',
      '**/.github/chatmodes/**/*.md', '**/*.prompt.md', '**/*.instructions.md', '**/*.agent.md', '**/*.chatmode.md',
      '**/.claude/agents/**/*.md', '**/.claude/commands/**/*.md', '**/.claude/skills/**/*.md',
    ],
  },
  { what: 'Prompt files under prompts/ folders', format: 'markdown', patterns: ['**/prompts/**/*.md', '**/prompts/**/*.markdown', '**/prompts/**/*.mdx'] },
  { what: 'Plain-text prompts', format: 'text', patterns: ['**/prompts/**/*.txt', '**/*.prompt.txt', '**/.claude/skills/**/*.txt'] },
];

/** Every pattern of the table (for the directory walk). */
export const DISCOVERY_PATTERNS: readonly string[] = [...new Set(DISCOVERY_TABLE.flatMap((e) => e.patterns))];

const matchers = DISCOVERY_TABLE.map((e) => ({ entry: e, match: picomatch(e.patterns as string[], { dot: true }) }));

/** The table entry a relative path matches, if any. */
export function discover(relativePath: string): DiscoveryEntry | undefined {
  const p = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  for (const m of matchers) if (m.match(p)) return m.entry;
  return undefined;
}

const EXTENSION_FORMATS: Record<string, FormatId> = {
  '.md': 'markdown', '.markdown': 'markdown', '.mdc': 'markdown', '.mdx': 'markdown', '.txt': 'text', '.text': 'text',
  '.prompty': 'prompty', '.prompt': 'dotprompt', '.yml': 'yaml', '.yaml': 'yaml', '.json': 'json', '.jsonc': 'json',
  '.json5': 'json', '.toml': 'toml',
};

/**
 * The format of a named file: the discovery table first, then the extension, then the content: JSON when
 * it starts with `{` or `[` (after any leading line or block comments: JSONC), YAML when it starts with
 * `key:` lines, Markdown otherwise (front matter, prose, `system:` role lines). Extension-less names such as
 * `OAI_CONFIG_LIST` or `.cursorrules` are in the table; `.snap` files are JSON only when they look like it
 * (github-mcp-server tool snapshots are, Jest snapshots are not).
 */
export function sniffFormat(path: string, text: string): FormatId {
  const hit = discover(path);
  if (hit) return hit.format;
  const base = path.replace(/\\/g, '/').split('/').pop() ?? path;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot).toLowerCase() : '';
  const byExt = EXTENSION_FORMATS[ext];
  if (byExt) return byExt;
  return sniffContent(text);
}

const LEADING_JSON_COMMENTS = /^(?:\s*(?:\/\/[^\n]*(?:\n|$)|\/\*[\s\S]{0,4000}?\*\/))*\s*/;

/** The format a text looks like, by its first characters. */
export function sniffContent(text: string): FormatId {
  const head = text.replace(/^\uFEFF/, '').slice(0, 8000);
  const afterComments = head.slice(LEADING_JSON_COMMENTS.exec(head)![0].length);
  if (afterComments.startsWith('{') || afterComments.startsWith('[')) return 'json';
  const start = head.trimStart();
  if (/^[A-Za-z_][\w-]{0,60}:(?:\s|$)/.test(start) && !/^(?:system|user|assistant|human|ai|developer|tool|function)(?:\[[^\]\n]*\])?:/i.test(start)) return 'yaml';
  return 'markdown';
}
