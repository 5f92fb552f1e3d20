import { PackageURL } from 'packageurl-js';
import type { InventoryPackage } from '@promptlint/core';

/**
 * The package URL of an MCP server launcher: `pkg:npm/%40scope/name@1.2.3`, `pkg:pypi/name@1.0`,
 * `pkg:docker/ns/name@sha256:…?repository_url=ghcr.io`. The version is kept only when it names one release (an exact
 * version or an image digest; a Docker tag too, as the purl spec allows): a range, `latest` or a templated version
 * (`${VERSION}`) is left out, and the inventory says the launcher is not pinned.
 */
export function purlOf(p: InventoryPackage): string | undefined {
  const templated = p.version !== undefined && /[$`{}<>\s]/.test(p.version);
  const version = templated ? undefined : p.ecosystem === 'docker' ? p.version : p.pin === 'exact' ? p.version?.replace(/^v(?=\d)/, p.ecosystem === 'npm' ? '' : 'v') : undefined;
  try {
    if (p.ecosystem === 'npm') {
      const slash = p.name.startsWith('@') ? p.name.indexOf('/') : -1;
      return new PackageURL('npm', slash > 0 ? p.name.slice(0, slash) : undefined, slash > 0 ? p.name.slice(slash + 1) : p.name, version).toString();
    }
    if (p.ecosystem === 'pypi') {
      return new PackageURL('pypi', undefined, p.name.toLowerCase().replace(/[-_.]+/g, '-'), version).toString();
    }
    const parts = p.name.split('/');
    const registry = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!) ? parts.shift() : undefined;
    const name = parts.pop()!;
    return new PackageURL('docker', parts.length ? parts.join('/') : undefined, name, version, registry ? { repository_url: registry } : undefined).toString();
  } catch {
    return undefined;
  }
}
