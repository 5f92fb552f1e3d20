/**
 * Well-known MCP server packages, images, vendor scopes, remote MCP hosts and LangChain hub owners: the names a
 * look-alike imitates (`lookalike-package`). A name listed here is never reported, even when it resembles another
 * listed name (both are real). To add an entry, append the exact name to the list of its ecosystem (npm names
 * with their scope, PyPI names as published, Docker images without tag and without `docker.io/`), add a test
 * case, and mention it in docs/rules/lookalike-package.md. Keep the lists to sources that many configs launch:
 * every entry widens the net of names that are compared against it.
 */

/**
 * npm scopes owned by the MCP project or a vendor. Only the owner can publish under a scope, so a scoped package
 * in one of these is never a look-alike; a scope that resembles one of them is.
 */
export const KNOWN_NPM_SCOPES: readonly string[] = [
  '@modelcontextprotocol', '@anthropic-ai', '@playwright', '@upstash', '@github', '@microsoft', '@azure', '@azure-devops',
  '@supabase', '@cloudflare', '@stripe', '@sentry', '@notionhq', '@browserbasehq', '@heroku', '@neondatabase',
  '@executeautomation', '@wonderwhy-er', '@agentdeskai', '@hubspot', '@shopify', '@elastic', '@pinecone-database',
  '@brave', '@vercel', '@apify', '@e2b', '@mongodb-js', '@21st-dev', '@magicuidesign', '@benborla29', '@kimtaeyoon83',
  '@translated', '@openai', '@langchain', '@google', '@aws', '@atlassian', '@linear', '@figma', '@zapier',
];

/** npm packages that MCP configs launch with `npx`, `bunx`, `pnpm dlx` (official reference servers and vendors). */
export const KNOWN_NPM: readonly string[] = [
  // modelcontextprotocol/servers (current and archived reference servers) and the project's tools
  '@modelcontextprotocol/server-filesystem', '@modelcontextprotocol/server-memory', '@modelcontextprotocol/server-everything',
  '@modelcontextprotocol/server-sequential-thinking', '@modelcontextprotocol/server-github', '@modelcontextprotocol/server-gitlab',
  '@modelcontextprotocol/server-google-maps', '@modelcontextprotocol/server-slack', '@modelcontextprotocol/server-postgres',
  '@modelcontextprotocol/server-puppeteer', '@modelcontextprotocol/server-brave-search', '@modelcontextprotocol/server-gdrive',
  '@modelcontextprotocol/server-redis', '@modelcontextprotocol/server-aws-kb-retrieval', '@modelcontextprotocol/server-everart',
  '@modelcontextprotocol/inspector', '@modelcontextprotocol/sdk', '@modelcontextprotocol/create-server',
  // vendors
  '@playwright/mcp', '@upstash/context7-mcp', '@browserbasehq/mcp-server-browserbase', '@browserbasehq/mcp',
  '@notionhq/notion-mcp-server', '@supabase/mcp-server-supabase', '@sentry/mcp-server', '@stripe/mcp',
  '@cloudflare/mcp-server-cloudflare', '@heroku/mcp-server', '@neondatabase/mcp-server-neon', '@azure/mcp',
  '@azure-devops/mcp', '@hubspot/mcp-server', '@shopify/dev-mcp', '@elastic/mcp-server-elasticsearch',
  '@pinecone-database/mcp', '@brave/brave-search-mcp-server', '@apify/actors-mcp-server', '@e2b/mcp-server',
  '@executeautomation/playwright-mcp-server', '@wonderwhy-er/desktop-commander', '@agentdeskai/browser-tools-mcp',
  '@agentdeskai/browser-tools-server', '@21st-dev/magic', '@magicuidesign/mcp', '@benborla29/mcp-server-mysql',
  '@kimtaeyoon83/mcp-server-youtube-transcript', '@translated/lara-mcp',
  // unscoped
  'mcp-remote', 'mcp-proxy', 'firecrawl-mcp', 'tavily-mcp', 'exa-mcp-server', 'mongodb-mcp-server', 'figma-developer-mcp',
  'chrome-devtools-mcp', 'mcp-server-kubernetes', 'task-master-ai', 'mcp-installer',
];

/** PyPI packages launched with `uvx` / `pipx run` (compared after PEP 503 normalisation: `_`, `.`, `-` are one). */
export const KNOWN_PYPI: readonly string[] = [
  'mcp', 'fastmcp', 'mcp-proxy', 'mcp-server-fetch', 'mcp-server-git', 'mcp-server-time', 'mcp-server-sqlite',
  'mcp-server-sentry', 'mcp-server-qdrant', 'mcp-server-motherduck', 'mcp-atlassian', 'markitdown-mcp', 'blender-mcp',
  'arxiv-mcp-server', 'chroma-mcp', 'serena', 'awslabs.core-mcp-server', 'awslabs.aws-documentation-mcp-server',
  'awslabs.cdk-mcp-server', 'awslabs.aws-api-mcp-server', 'mcp-server-docker', 'mcp-neo4j-cypher', 'mcp-neo4j-memory',
  'excel-mcp-server',
];

/** Docker images (registry and namespace included, tag left out; Docker Hub names without `docker.io/`). */
export const KNOWN_DOCKER: readonly string[] = [
  'ghcr.io/github/github-mcp-server', 'mcr.microsoft.com/playwright/mcp', 'ghcr.io/sooperset/mcp-atlassian',
  'mcp/fetch', 'mcp/git', 'mcp/time', 'mcp/filesystem', 'mcp/github', 'mcp/gitlab', 'mcp/memory', 'mcp/postgres',
  'mcp/puppeteer', 'mcp/sqlite', 'mcp/slack', 'mcp/brave-search', 'mcp/everything', 'mcp/sequentialthinking',
  'mcp/playwright', 'mcp/context7', 'mcp/google-maps', 'mcp/redis', 'mcp/sentry', 'mcp/notion', 'mcp/stripe',
  'mcp/duckduckgo', 'mcp/wikipedia-mcp', 'mcp/firecrawl', 'mcp/grafana', 'mcp/kubernetes', 'mcp/aws-documentation',
  'mcp/youtube-transcript', 'mcp/obsidian', 'mcp/elasticsearch', 'mcp/mongodb', 'mcp/neo4j-cypher', 'mcp/dockerhub',
];

/** Docker namespaces owned by one publisher (Docker's `mcp/` catalogue): any image in them is the owner's. */
export const KNOWN_DOCKER_NAMESPACES: readonly string[] = ['mcp', 'ghcr.io/github', 'mcr.microsoft.com'];

/** Domains of well-known remote MCP servers (`url`); a subdomain of one is the same owner. */
export const KNOWN_MCP_DOMAINS: readonly string[] = [
  'githubcopilot.com', 'github.com', 'apify.com', 'notion.com', 'linear.app', 'atlassian.com', 'sentry.dev', 'stripe.com',
  'context7.com', 'supabase.com', 'huggingface.co', 'paypal.com', 'asana.com', 'deepwiki.com', 'cloudflare.com',
  'modelcontextprotocol.io', 'smithery.ai', 'anthropic.com', 'openai.com', 'zapier.com', 'vercel.com', 'neon.tech',
  'prisma.io', 'intercom.com', 'square.com', 'plaid.com', 'webflow.com', 'wix.com', 'canva.com', 'figma.com',
  'atlassian.net', 'microsoft.com', 'azure.com', 'googleapis.com', 'firecrawl.dev', 'tavily.com', 'exa.ai',
];

/** LangChain hub owners whose prompts are pulled by name (`hwchase17/react`, `rlm/rag-prompt`). */
export const KNOWN_HUB_OWNERS: readonly string[] = [
  'hwchase17', 'langchain-ai', 'langchain', 'rlm', 'wfh', 'jacob', 'efriis', 'homanp', 'hardkothari', 'bagatur', 'tomasonjo',
];
