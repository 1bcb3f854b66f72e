import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

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
  plugins: [react(), precompress(here('../dist/web'))],
  build: {
    outDir: here('../dist/web'),
    // Two pages: the app, and the citizen survey form without antd (web/src/survey-form/main.tsx).
    rollupOptions: { input: { main: here('index.html'), survey: here('survey.html') } },
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
