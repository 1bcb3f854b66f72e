import { defineConfig } from 'vitest/config';

// One runner, three projects: pure core (fast), server/cli integration (real SQLite and PostgreSQL),
// and browser end-to-end tests (real Chromium through playwright-core).
export default defineConfig({
  test: {
    // Most of the suite waits on PostgreSQL, SQLite fsyncs and child processes rather than on its own
    // CPU, so three files at a time finish sooner even on a 2-core machine (vitest's default there is
    // one). Browser files stay one at a time (see the e2e project).
    maxWorkers: 3,
    projects: [
      { test: { name: 'core', include: ['core/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['server/**/*.test.ts', 'cli/**/*.test.ts', 'bench/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser file at a time (beside the other projects' files): three Chromiums with
          // three servers on two cores starved each other until browser steps timed out.
          fileParallelism: false,
        },
      },
    ],
  },
});
