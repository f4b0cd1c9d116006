// The one build config every package shares. A package's tsup.config.ts is one line:
// `export default packageConfig()`.
//
// ESM is emitted module by module (bundle: false): with `sideEffects: false` a consumer's
// bundler then drops every file it does not import, so a PAT-only CLI carries nothing of the
// config parser or the OAuth error table. Source imports carry `.js` extensions for this.
// CJS is one bundled file (require() users rarely tree-shake). Types: one rolled-up .d.ts
// for each format.
import { rmSync } from 'node:fs'
import { defineConfig, type Options } from 'tsup'

const shared: Options = {
  target: 'node20',
  platform: 'node',
  sourcemap: false,
  minify: false,
  clean: false,
  // Keep `node:fs` etc. as written: bundlers and size checks then know they are built-ins.
  removeNodeProtocol: false,
  dts: { entry: 'src/index.ts' },
}

export const esmOptions: Options = {
  ...shared,
  entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/_test-*.ts'],
  format: ['esm'],
  bundle: false,
}

export const cjsOptions: Options = {
  ...shared,
  entry: ['src/index.ts'],
  format: ['cjs'],
  bundle: true,
  treeshake: true,
}

/**
 * Options for a published package; `overrides` apply to both formats. `entries` lists the
 * public entry points (default `src/index.ts`): each gets a CJS bundle and a rolled-up `.d.ts`.
 */
export function packageConfig({ entries = ['src/index.ts'], ...overrides }: Options & { entries?: string[] } = {}) {
  rmSync('dist', { recursive: true, force: true })
  return defineConfig([
    { ...esmOptions, dts: { entry: entries }, ...overrides },
    { ...cjsOptions, entry: entries, dts: { entry: entries }, ...overrides },
  ])
}

/** Options for a single-format build (apps): one bundled entry set, cleaned first. */
export function appConfig(overrides: Options) {
  return defineConfig({ ...shared, dts: false, bundle: true, clean: true, ...overrides })
}
