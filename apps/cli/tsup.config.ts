// One bundled, minified CommonJS file with everything inlined, so `authcli` starts close to bare `node`.
import pkg from './package.json' with { type: 'json' }
import { packageConfig } from '../../tsup.base'

export default packageConfig({
  entry: { authcli: 'src/main.ts' },
  format: ['cjs'],
  dts: false,
  noExternal: [/.*/],
  minify: true,
  // esbuild's own tree-shaking is enough for one bundle; skip tsup's extra Rollup pass.
  treeshake: false,
  banner: { js: '#!/usr/bin/env node' },
  define: {
    __AUTHCLI_VERSION__: JSON.stringify(pkg.version),
    // Baked in at build time: the running CLI never reads this variable.
    'process.env.AUTHCLI_DEFAULT_CLIENT_ID': JSON.stringify(process.env.AUTHCLI_DEFAULT_CLIENT_ID ?? ''),
  },
})
