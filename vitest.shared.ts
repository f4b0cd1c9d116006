// The one test config every package shares. Each package's vitest.config.ts re-exports it.
// Results also go to .vitest-results.json so `npm test` can print one "N passed, N failed" line.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
})
