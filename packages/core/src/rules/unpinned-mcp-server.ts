import type { Rule } from '../types.ts';
import { commandTokens, launchedPackage, type LaunchedPackage } from './_launchers.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * An MCP server started through a launcher that fetches whatever the registry serves today: `npx -y pkg`,
 * `pkg@latest`, `bunx` / `pnpm dlx` / `yarn dlx`, `uvx pkg` / `pipx run pkg` without `==version`, and
 * `docker run image` without a tag, with `:latest`, or without a digest. Reported at the package argument.
 *
 * securitySeverity: `medium` (no version, a moving tag such as `latest`), `low` (a version range: `^1.2.0`, `>=1`).
 */
export const unpinnedMcpServer: Rule = {
  meta: {
    id: 'unpinned-mcp-server',
    category: 'supply-chain',
    type: 'problem',
    docs: {
      description: 'MCP servers started with npx, uvx, pipx, pnpm/yarn dlx, bunx or docker run must pin an exact version, tag or digest',
      preset: 'recommended',
      url: docsUrl('unpinned-mcp-server'),
    },
    defaultSeverity: 'warn',
    securitySeverity: 'medium',
    messages: {
      unpinned: "MCP server '{{name}}' runs '{{pkg}}' through {{launcher}} without {{what}}: each start fetches whatever the registry serves now. Pin {{how}}.",
      tag: "MCP server '{{name}}' runs '{{pkg}}' through {{launcher}} at the moving tag '{{version}}': each start fetches whatever it points to now. Pin {{how}}.",
      range: "MCP server '{{name}}' runs '{{pkg}}' through {{launcher}} with the version range '{{version}}': a new release is picked up without review. Pin {{how}}.",
    },
  },
  checkDocument(doc, context) {
    for (const node of doc.nodes) {
      if (node.type !== 'mcp-server') continue;
      const pkg = launchedPackage(commandTokens(node));
      if (!pkg || pkg.pin === 'exact') continue;
      context.report({
        messageId: pkg.pin === 'none' ? 'unpinned' : pkg.pin,
        data: { name: node.name, pkg: pkg.name, launcher: pkg.launcher, version: pkg.version ?? '', what: pkg.ecosystem === 'docker' ? 'a tag or digest' : 'a version', how: howToPin(pkg) },
        start: pkg.token.start,
        end: pkg.token.end,
        securitySeverity: pkg.pin === 'range' ? 'low' : 'medium',
      });
    }
  },
};

export function howToPin(pkg: LaunchedPackage): string {
  if (pkg.ecosystem === 'npm') return `an exact version ('${pkg.name}@1.2.3')`;
  if (pkg.ecosystem === 'pypi') return pkg.launcher === 'uvx' || pkg.launcher === 'uv tool run' ? `an exact version ('${pkg.name}==1.2.3' or '${pkg.name}@1.2.3')` : `an exact version ('${pkg.name}==1.2.3')`;
  return `a version tag or, better, a digest ('${pkg.name}@sha256:…')`;
}
