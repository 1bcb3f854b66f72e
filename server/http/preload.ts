/**
 * Early hints for shared portal links. A cold visit to /portal/provinces/22 would otherwise fetch
 * the entry script, run it, only then ask for the profile's own chunk, and only once that chunk runs
 * ask for the data: three round trips in a row. The HTML answer names both in `Link` headers, so
 * the browser fetches them alongside the entry script.
 *
 * The chunks come from Vite's build manifest (dist/web/.vite/manifest.json). A data preload must be
 * the very request the page then makes (same URL, `credentials: 'same-origin'` = crossorigin
 * anonymous), or the browser fetches twice and warns: both sides build it with core's profileUrl.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileUrl } from '../../core/index/dto.js';

interface ManifestChunk {
  file: string;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** Portal views by their first path segment after /portal/, and their source modules. */
const VIEWS: Record<string, string> = {
  provinces: 'src/portal/ProvinceProfile.tsx',
  rankings: 'src/portal/Rankings.tsx',
  compare: 'src/portal/Compare.tsx',
  map: 'src/portal/Map.tsx',
};

/**
 * Returns, for a page URL, the `Link` header values to send with index.html (none when the build
 * has no manifest or the page is not a portal view).
 */
export function portalPreloads(webRoot: string): (url: string) => string[] {
  const path = join(webRoot, '.vite', 'manifest.json');
  if (!existsSync(path)) return () => [];
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  const inHtml = new Set<string>();
  const collect = (key: string, into: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return;
    into.add(chunk.file);
    for (const i of chunk.imports ?? []) collect(i, into);
  };
  // The entry (keyed by its page) and its static imports are already in index.html.
  collect('index.html', inHtml);
  const chunksOf = new Map<string, string[]>();
  for (const [view, src] of Object.entries(VIEWS)) {
    const files = new Set<string>();
    collect(src, files);
    chunksOf.set(
      view,
      [...files].filter((f) => !inHtml.has(f)).map((f) => `</${f}>; rel=modulepreload`),
    );
  }

  return (url) => {
    const u = new URL(url, 'http://localhost');
    const m = /^\/portal\/([a-z]+)(?:\/([^/]+))?\/?$/.exec(u.pathname);
    if (!m) return [];
    const links = [...(chunksOf.get(m[1]!) ?? [])];
    if (m[1] === 'provinces' && m[2]) {
      let code: string;
      try {
        code = decodeURIComponent(m[2]);
      } catch {
        return links;
      }
      links.unshift(
        `<${profileUrl(code, u.searchParams.get('geography') === '34' ? '34' : '63')}>; rel=preload; as=fetch; crossorigin`,
      );
    }
    return links;
  };
}
