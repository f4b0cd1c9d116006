// The one build config every package shares: ESM + CJS + .d.ts, tree-shakeable, Node 20.
// A package's tsup.config.ts is one line: `export default packageConfig()`.
import { defineConfig, type Options } from 'tsup'

export const baseOptions: Options = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  treeshake: true,
  splitting: false,
  sourcemap: false,
  minify: false,
}

export function packageConfig(overrides: Options = {}) {
  return defineConfig({ ...baseOptions, ...overrides })
}
