#!/usr/bin/env node
// Entry point of the `openpapi` command. Runs the compiled CLI from dist/ (built by `npm install` → prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write(
    'openpapi: the build is missing; run `npm install` (or `npm run build`) in the repository first.\n',
  );
  process.exit(1);
}
await import(main);
