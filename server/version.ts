import { readFileSync } from 'node:fs';

/**
 * The product version, read once from the root package.json (the one source of truth), for the OpenAPI
 * document, /api/health and `openpapi --version`. Found by walking up from this file, so it works from
 * source (server/) and compiled (dist/server/).
 */
function readVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'openpapi' && pkg.version) return pkg.version;
    } catch {
      // not at this level; try the next one up
    }
  }
  throw new Error('package.json of openpapi not found above server/version');
}

export const VERSION = readVersion();
