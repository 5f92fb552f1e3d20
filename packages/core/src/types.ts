/**
 * The document model and rule API of promptlint.
 *
 * Offsets are UTF-16 code-unit indexes into `SourceFile.text` (the file's text after any BOM).
 * Every piece of decoded text (a JSON string with escapes, a YAML block scalar, a front-matter value)
 * keeps a map back to those raw offsets, so a finding always points at the bytes in the file.
 */

export type Category = 'exfiltration' | 'injection' | 'secrets' | 'supply-chain' | 'agency';
export const CATEGORIES: readonly Category[] = ['exfiltration', 'injection', 'secrets', 'supply-chain', 'agency'];

export type SecuritySeverity = 'critical' | 'high' | 'medium' | 'low';

/** Syntactic format of a file: decides which adapter parses it. */
export type FormatId =
  | 'markdown' // Markdown/text prompts and instruction files (front matter allowed)
  | 'text' // plain text prompts (no Markdown structure)
  | 'prompty' // .prompty: YAML front matter + template body
  | 'dotprompt' // Dotprompt .prompt: YAML front matter + Handlebars body
  | 'yaml'
  | 'json' // JSON and JSONC (comments, trailing commas)
  | 'toml'; // TOML (Codex `config.toml`)

export const FORMAT_IDS: readonly FormatId[] = ['markdown', 'text', 'prompty', 'dotprompt', 'yaml', 'json', 'toml'];

/** What a structured document was recognised as (content sniffing). */
export type DocumentKind =
  | 'prompt'
  | 'langchain'
  | 'langchain-legacy'
  | 'mcp-config'
  | 'mcp-tools'
  | 'claude-settings'
  | 'vscode-settings'
  | 'crewai'
  | 'promptfoo'
  | 'autogen'
  | 'semantic-kernel'
  | 'github-models-prompt'
  | 'continue'
  | 'dify'
  | 'flowise'
  | 'langflow'
  | 'n8n'
  | 'generic';

/** Maps a decoded string back to raw offsets in the file. */
export interface OffsetMap {
  /** Raw offset of decoded index i is `offsets[i]` when present, else `base + i`. Length = value.length + 1. */
  readonly base: number;
  readonly offsets?: Int32Array;
}

/** Where a piece of text sits, so rules can weigh it (a tool description is read by the model as trusted). */
export type SegmentContext =
  | 'prose' // Markdown/text body
  | 'code' // fenced or indented code block
  | 'html' // raw HTML block or inline HTML (comments included)
  | 'front-matter' // a front-matter value
  | 'system-message' // a system message / system prompt template
  | 'message' // another chat message or prompt template
  | 'tool-description' // a tool or parameter description the model reads
  | 'instructions' // agent instructions (role, goal, backstory, server instructions)
  | 'config-value' // any other string value in a structured config
  | 'key' // an object key
  | 'comment' // a YAML/JSONC comment
  | 'raw'; // the whole file, when it could not be parsed

export interface TextSegment {
  /** Decoded text the rules read. */
  readonly value: string;
  readonly context: SegmentContext;
  /** Key path in a structured document (empty for Markdown). */
  readonly path: readonly (string | number)[];
  readonly map: OffsetMap;
}

/** A string value in a structured document, with its position. */
export interface StringField {
  readonly key: string;
  readonly path: readonly (string | number)[];
  readonly value: string;
  /** Raw range of the value (quotes excluded where the format has them). */
  readonly start: number;
  readonly end: number;
  readonly map: OffsetMap;
}

/** Where a model node, server or tool was declared: a raw range. */
export interface NodeRange {
  readonly start: number;
  readonly end: number;
}

/**
 * A configured LLM client: a LangChain model constructor, a Prompty `model` block, an AutoGen entry,
 * a promptfoo provider, a CrewAI `llm`, env vars such as `OPENAI_BASE_URL`.
 */
export interface ModelNode extends NodeRange {
  readonly type: 'model';
  /** Provider or class name as written (`ChatOpenAI`, `openai`, `azure_openai`). */
  readonly provider?: string;
  readonly model?: string;
  /** Base-URL / endpoint fields. */
  readonly endpoints: readonly StringField[];
  /** Proxy fields. */
  readonly proxies: readonly StringField[];
  /** Header entries (name in `key`). */
  readonly headers: readonly StringField[];
  /** Literal credential values (not secret references). */
  readonly credentials: readonly StringField[];
}

export interface McpServerNode extends NodeRange {
  readonly type: 'mcp-server';
  readonly name: string;
  readonly transport?: string;
  readonly command?: StringField;
  readonly args: readonly StringField[];
  readonly env: readonly StringField[];
  readonly url?: StringField;
  readonly headers: readonly StringField[];
  /** `alwaysAllow` / `autoApprove` entries. */
  readonly autoApprove: readonly StringField[];
  /** Raw flags that grant trust without asking (`trust: true`). */
  readonly trust?: StringField;
}

export interface ToolNode extends NodeRange {
  readonly type: 'tool';
  readonly name: string;
  /** Tool description and nested parameter descriptions (segments with context `tool-description`). */
  readonly descriptions: readonly TextSegment[];
  readonly parameters: readonly string[];
}

export interface PromptMessageNode extends NodeRange {
  readonly type: 'prompt-message';
  readonly role?: string;
  readonly templateFormat?: string;
  readonly template: TextSegment;
  readonly inputVariables?: readonly string[];
}

/** A Markdown/HTML link or image found in prose. */
export interface LinkNode extends NodeRange {
  readonly type: 'link';
  readonly image: boolean;
  readonly url: string;
  /** Raw range of the URL itself. */
  readonly urlStart: number;
  readonly urlEnd: number;
  /** `markdown` for `[x](u)` / `![x](u)`, `html` for `<a href>` / `<img src>`, `autolink` for `<u>`. */
  readonly syntax: 'markdown' | 'html' | 'autolink';
}

export type DocumentNode = ModelNode | McpServerNode | ToolNode | PromptMessageNode | LinkNode;

/** A comment that may carry an inline directive. */
export interface CommentNode extends NodeRange {
  /** Comment text without its delimiters. */
  readonly value: string;
  /** Raw offset of `value[0]`. */
  readonly valueStart: number;
}

export interface ParseProblem {
  readonly message: string;
  readonly offset: number;
}

export interface SourceFile {
  /** Path as given (absolute or relative); `<text>` for stdin without a name. */
  readonly path: string;
  /** Text after any BOM. */
  readonly text: string;
}

export interface PromptDocument {
  readonly file: SourceFile;
  readonly format: FormatId;
  readonly kind: DocumentKind;
  readonly segments: readonly TextSegment[];
  readonly nodes: readonly DocumentNode[];
  readonly comments: readonly CommentNode[];
  /** Set when the file could not be parsed: the text rules still see it as one raw segment. */
  readonly parseError?: ParseProblem;
  /** Non-fatal notes from the adapter (for example a lenient front-matter fallback). */
  readonly notes?: readonly ParseProblem[];
  /**
   * The position-keeping value trees of a structured document (YAML, JSON, TOML), for document rules that
   * read settings which are not text (booleans, numbers, lists). Data only: nothing in it is ever evaluated.
   */
  readonly tree?: readonly import('./formats/tree.ts').JNode[];
}

// ---------------------------------------------------------------------------------------------
// Rules

export interface Edit {
  /** Raw range to replace. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Fix {
  readonly edits: readonly Edit[];
}

export interface Suggestion {
  readonly desc: string;
  readonly fix: Fix;
}

/** What a rule reports. Offsets are raw file offsets. */
export interface ReportDescriptor {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly start: number;
  readonly end: number;
  readonly securitySeverity?: SecuritySeverity;
  readonly fix?: Fix;
  readonly suggestions?: readonly Suggestion[];
}

export interface PromptlintSettings {
  /** Extra trusted model hosts (exact host or `*.suffix` / `*-label` patterns). */
  readonly trustedHosts?: readonly string[];
  /** Replace the built-in trusted list instead of extending it. */
  readonly replaceTrustedHosts?: boolean;
  /** When set, a remote MCP server whose host is not listed is a finding. */
  readonly mcpAllowedHosts?: readonly string[];
  /** Extra known gateways (warned, not errors). */
  readonly gatewayHosts?: readonly string[];
  /** Hosts the organisation forbids: any URL to them in prompt text or config values is a finding (`org-forbidden-host`). */
  readonly forbiddenHosts?: readonly string[];
  /** Forbidden phrases as RE2 regular expressions, matched case-insensitively in linear time (`org-forbidden-phrase`). */
  readonly forbiddenPhrases?: readonly string[];
  /** Internal token formats as RE2 regular expressions, matched in linear time; matches are masked (`org-internal-token`). */
  readonly tokenPatterns?: readonly string[];
}

export interface RuleContext<Options = Record<string, unknown>> {
  readonly document: PromptDocument;
  readonly options: Options;
  readonly settings: PromptlintSettings;
  /** The `promptlint.lock` entry of the file being linted (lock.ts); absent when no lock governs it. */
  readonly lock?: import('./lock.ts').FileLock;
  report(descriptor: ReportDescriptor): void;
}

export interface RuleDocs {
  readonly description: string;
  /** Presets that enable the rule: `recommended` implies `strict` and `all`. */
  readonly preset: 'recommended' | 'strict' | 'all';
  readonly url: string;
}

export interface RuleMeta<Options = Record<string, unknown>> {
  readonly id: string;
  readonly category: Category;
  readonly type: 'problem' | 'suggestion';
  readonly docs: RuleDocs;
  /** Severity when a preset enables the rule. */
  readonly defaultSeverity: 'error' | 'warn';
  /** Default `securitySeverity` for findings that do not set one. */
  readonly securitySeverity: SecuritySeverity;
  readonly messages: Readonly<Record<string, string>>;
  /** JSON schema of the single options object (validated before the rule runs). */
  readonly schema?: JsonSchema;
  readonly defaultOptions?: Options;
  readonly fixable?: 'code';
  readonly hasSuggestions?: boolean;
}

/** A text rule runs on every segment whose context it accepts; a document rule sees the whole document. */
export interface Rule<Options = Record<string, unknown>> {
  readonly meta: RuleMeta<Options>;
  /** Segment contexts a text rule reads (all when absent). */
  readonly contexts?: readonly SegmentContext[];
  checkSegment?(segment: TextSegment, context: RuleContext<Options>): void;
  checkDocument?(document: PromptDocument, context: RuleContext<Options>): void;
}

export type JsonSchema = {
  readonly type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly additionalProperties?: boolean;
  readonly minimum?: number;
  readonly description?: string;
};

// ---------------------------------------------------------------------------------------------
// Results (ESLint's shape, without `source`)

export type Severity = 0 | 1 | 2;
export type SeverityName = 'off' | 'warn' | 'error';
export type RuleSetting = Severity | SeverityName | readonly [Severity | SeverityName, Record<string, unknown>?];

export interface LintMessage {
  ruleId: string | null;
  category?: Category;
  severity: 1 | 2;
  securitySeverity?: SecuritySeverity;
  message: string;
  messageId?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: true;
  fix?: { range: [number, number]; text: string };
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
}

export interface SuppressedMessage extends LintMessage {
  suppressions: { kind: 'directive'; justification: string }[];
}

export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: SuppressedMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** Present after `fix: true` when fixes changed the text. */
  output?: string;
  /** Format the file was read as. */
  format?: FormatId;
  kind?: DocumentKind;
}

/** A file that was not linted (binary, too large, unreadable, a symlink loop). */
export interface SkippedFile {
  filePath: string;
  reason: string;
}
