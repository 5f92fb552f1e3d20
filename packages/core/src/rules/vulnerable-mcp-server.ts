import type { Rule } from '../types.ts';
import { commandTokens, launchedPackage } from './_launchers.ts';
import { advisoriesFor, inRange, parseVersion } from './_advisories.ts';
import { docsUrl } from './_docs-url.ts';

/**
 * An MCP server or bridge package started at a version with a published advisory (table in `_advisories.ts`),
 * or started without a pinned version when the package has a vulnerable range: the version that runs is unknown,
 * and a cached older copy may be the vulnerable one.
 *
 * securitySeverity: `critical` for a pinned vulnerable version with CVSS ≥ 9, `high` otherwise; `medium` for an
 * unpinned or ranged use of a package with an advisory.
 */
export const vulnerableMcpServer: Rule = {
  meta: {
    id: 'vulnerable-mcp-server',
    category: 'supply-chain',
    type: 'problem',
    docs: {
      description: 'MCP servers must not run a package version with a known advisory (CVE-2025-6514 in mcp-remote, ...)',
      preset: 'recommended',
      url: docsUrl('vulnerable-mcp-server'),
    },
    defaultSeverity: 'error',
    securitySeverity: 'critical',
    messages: {
      vulnerable: "MCP server '{{name}}' runs {{pkg}}@{{version}}, affected by {{id}} (CVSS {{cvss}}: {{summary}}). Upgrade to {{fixed}} or later.",
      unknownVersion: "MCP server '{{name}}' runs {{pkg}} without an exact version; versions {{range}} are affected by {{id}} (CVSS {{cvss}}). Pin {{fixed}} or later.",
    },
  },
  checkDocument(doc, context) {
    for (const node of doc.nodes) {
      if (node.type !== 'mcp-server') continue;
      const pkg = launchedPackage(commandTokens(node));
      if (!pkg) continue;
      for (const adv of advisoriesFor(pkg.ecosystem, pkg.name)) {
        const data = { name: node.name, pkg: pkg.name, version: pkg.version ?? '', id: adv.id, cvss: adv.cvss, summary: adv.summary, fixed: adv.fixed, range: adv.range };
        if (pkg.pin === 'exact' && parseVersion(pkg.version!)) {
          if (!inRange(pkg.version!, adv.range)) continue;
          context.report({ messageId: 'vulnerable', data, start: pkg.token.start, end: pkg.token.end, securitySeverity: adv.cvss >= 9 ? 'critical' : 'high' });
        } else {
          context.report({ messageId: 'unknownVersion', data, start: pkg.token.start, end: pkg.token.end, securitySeverity: 'medium' });
        }
      }
    }
  },
};
