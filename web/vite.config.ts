import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The web app: built into dist/web, which server/app.ts serves next to /api.
// Everything is bundled (fonts included): the app makes no request outside its own origin.
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
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
