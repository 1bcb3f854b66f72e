import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import type { ChunkingContext } from 'rolldown';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Chunks for a cold visit in a handful of files rather than dozens: a browser opens at most six
 * connections to one HTTP/1.1 server, so tiny chunks queue behind each other.
 * - `shared`: modules both entries import statically (React, router, i18n);
 * - `start`: modules only the app imports at start (antd, react-query, layout), so the citizen survey
 *   form never downloads antd;
 * - `portal`: the four portal views and what they import beyond start (one request for a shared link,
 *   which server/http/preload.ts names in a Link header). The charts stay a lazy chunk of their own.
 * Everything else (the workspace) is split as usual.
 */
const ENTRIES = { app: /web[\\/]src[\\/]main\.tsx$/, survey: /web[\\/]src[\\/]survey-form[\\/]main\.tsx$/ };
const PORTAL_VIEWS = /web[\\/]src[\\/]portal[\\/](Rankings|ProvinceProfile|Compare|Map)\.tsx$/;
function chunkGroup(id: string, ctx: ChunkingContext): string | null {
  // The entry module stays alone in its chunk: it awaits the current view's chunk before the first
  // render (web/src/main.tsx), and a view chunk importing the chunk that awaits it would deadlock.
  if (ENTRIES.app.test(id) || ENTRIES.survey.test(id)) return null;
  const reachedFrom = (root: RegExp) => {
    const seen = new Set<string>();
    const todo = [id];
    while (todo.length > 0) {
      const m = todo.pop() as string;
      if (root.test(m)) return true;
      if (seen.has(m)) continue;
      seen.add(m);
      todo.push(...(ctx.getModuleInfo(m)?.importers ?? []));
    }
    return false;
  };
  if (reachedFrom(ENTRIES.app)) return reachedFrom(ENTRIES.survey) ? 'shared' : 'start';
  return reachedFrom(PORTAL_VIEWS) ? 'portal' : null;
}
// Each group asks about every module; walk the import graph once per module per build (cleared at
// each build start by the plugin below, so a watch rebuild sees changed imports).
const decided = new Map<string, string | null>();
const groupOf = (id: string, ctx: ChunkingContext) => {
  if (!decided.has(id)) decided.set(id, chunkGroup(id, ctx));
  return decided.get(id) ?? null;
};
/** One group per chunk name, the start-up ones first, so a view's dependencies stay where they are. */
const group = (name: string, priority: number, initial: boolean) => ({
  name: (id: string, ctx: ChunkingContext) => (groupOf(id, ctx) === name ? name : null),
  priority,
  debugName: name,
  ...(initial ? { tags: ['$initial' as const] } : {}),
});

/**
 * Writes `<file>.br` and `<file>.gz` beside every text asset once, at the highest levels, so the server
 * (@fastify/static preCompressed) sends rural phones the smallest bytes without compressing per request.
 */
function precompress(outDir: string): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    );
  return {
    name: 'openpapi-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|webmanifest|txt)$/.test(file)) continue;
        const raw = readFileSync(file);
        if (raw.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

// The web app: built into dist/web, which server/app.ts serves next to /api.
// Everything is bundled (fonts included): the app makes no request outside its own origin.
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [
    react(),
    precompress(here('../dist/web')),
    { name: 'openpapi-chunk-groups', buildStart: () => decided.clear() },
  ],
  build: {
    outDir: here('../dist/web'),
    // Two pages: the app, and the citizen survey form without antd (web/src/survey-form/main.tsx).
    rollupOptions: {
      input: { main: here('index.html'), survey: here('survey.html') },
      output: {
        codeSplitting: { groups: [group('shared', 3, true), group('start', 2, true), group('portal', 1, false)] },
      },
    },
    emptyOutDir: true,
    // dist/web/.vite/manifest.json: which chunks each portal view needs (server/http/preload.ts).
    manifest: true,
    target: 'es2022',
    // The public home must stay small (≤ 300 KB gzipped); workspace pages are lazy chunks.
    reportCompressedSize: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
    // core/i18n lives outside web/.
    fs: { allow: [here('..')] },
  },
});
