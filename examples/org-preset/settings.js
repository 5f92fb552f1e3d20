/**
 * The one place Acme's promptlint policy lives. `index.js` (promptlint CLI) and `eslint.js`
 * (eslint-plugin-promptlint) both import it, so the two tools always trust the same hosts.
 */

/** `settings.promptlint`: same key and shape in promptlint.config.js and eslint.config.js. */
export const settings = Object.freeze({
  // Model hosts Acme runs or contracts: not reported by untrusted-model-endpoint.
  trustedHosts: ['llm.acme.example', '*.llm.acme.example'],
  // Remote MCP servers outside this list are reported by insecure-mcp-server-url.
  mcpAllowedHosts: ['mcp.acme.example', '*.mcp.acme.example'],
  // Reported by org-forbidden-host wherever a URL to them appears.
  forbiddenHosts: ['paste.example', '*.fileshare.example'],
  // RE2 syntax, matched case-insensitively in linear time by org-forbidden-phrase.
  forbiddenPhrases: ['project\\s{1,3}bluebird', '\\bskip (?:the )?security review\\b'],
  // RE2 syntax, case-sensitive, reported (masked) by org-internal-token.
  tokenPatterns: ['acme_(?:live|test)_[A-Za-z0-9]{24}'],
});

/** Severities on top of promptlint:recommended (bare rule ids). */
export const rules = Object.freeze({
  // Acme routes some teams through an approved gateway on purpose: not worth a warning on every file.
  'model-gateway-endpoint': 'off',
  // A literal under a credential name is an error here, not a warning.
  'hardcoded-credential': 'error',
});
