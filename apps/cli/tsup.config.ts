// The CLI as bundled, minified CommonJS with everything inlined, so `authcli` starts close to bare
// `node`. What only a login, a refresh or the keychain needs (openid-client, the flows,
// @napi-rs/keyring) sits behind `import()` in lazy chunks: `authcli auth token` with a valid
// token never reads them. Code that both sides use (@auth/core) goes to a shared chunk, so
// there is one copy of it at run time (one secret registry for `redact`).
import { rmSync } from 'node:fs'
import type { Plugin } from 'esbuild'
import type { Options } from 'tsup'
import pkg from './package.json' with { type: 'json' }
import { appConfig } from '../../tsup.base'

// commander loads `child_process` at start-up for executable subcommands (`git-style`
// `authcli-foo` binaries), which authcli does not use; loading it costs ~4 ms per run.
// Its spawn is replaced by one that says so.
const noCommanderChildProcess: Plugin = {
  name: 'no-commander-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'commander-stub' } : undefined))
    build.onLoad({ filter: /.*/, namespace: 'commander-stub' }, () => ({
      contents: "module.exports = { spawn() { throw new Error('authcli: executable subcommands are not supported') } }",
      loader: 'js',
    }))
  },
}

// node:crypto is loaded on first use of an export, not at start-up: @auth/store-encrypted imports
// it at module scope (its seal/unseal API is synchronous), and the encrypted store is bundled in
// the main chunk, so eager loading would cost ~8 ms on every run, `authcli auth token` included.
// The module becomes one of getters.
const LAZY_BUILTINS = ['crypto']
const lazyBuiltins: Plugin = {
  name: 'lazy-builtins',
  setup(build) {
    const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`)
    build.onResolve({ filter }, (args) =>
      args.namespace === 'lazy-builtin'
        ? { path: args.path, external: true } // the getters' own require of the real module
        : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
    )
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) => {
      const names = Object.keys(await import(`node:${args.path}`)).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n))
      const load = `() => require('node:${args.path}')`
      return {
        contents: `const load = ${load}\n${names.map((n) => `Object.defineProperty(exports, '${n}', { enumerable: true, get: () => load().${n} })`).join('\n')}`,
        loader: 'js',
      }
    })
  },
}

// The entry, `authcli.cjs`, is built on its own, without splitting: the hot path (`auth token`
// answered from the token index, src/hot-token.ts) is one file that requires nothing but `node:`
// built-ins. When it cannot answer it requires `cli-main.cjs`, the CLI, built below with its chunks.
const cliMainExternal: Plugin = {
  name: 'cli-main-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/cli-main\.js$/ }, () => ({ path: './cli-main.cjs', external: true }))
  },
}

// Both builds write to dist/: it is emptied once here, not by each build (they run at the same time).
rmSync('dist', { recursive: true, force: true })

const shared: Options = {
  format: ['cjs'],
  clean: false,
  // Everything inlined but the native addon @napi-rs/keyring (a `.node` binary per platform):
  // it is required from node_modules, and only when the keychain store is used. undici too: it is
  // required only by a request made with a proxy or a `ca_file` set (src/network-agent.ts), it
  // would more than double the bundle, and sucrase's class-field rewrite breaks its minified code.
  noExternal: [/^(?!@napi-rs\/keyring|undici(?:\/|$))/],
  external: ['@napi-rs/keyring', 'undici'],
  minify: true,
  // esbuild's own tree-shaking is enough; skip tsup's extra Rollup pass.
  treeshake: false,
  banner: { js: '#!/usr/bin/env node' },
  // tsup turns the split ESM chunks into CommonJS with sucrase, which rewrites `a ?? b` and `a?.b`
  // into helper calls; in minified code it glues them to a keyword (`return(x)??y` became
  // `return_nullishCoalesce(x, ...)`, a ReferenceError in the yaml parser). esbuild lowers both
  // itself first, so sucrase has none left to rewrite.
  esbuildOptions(options) {
    options.supported = { ...options.supported, 'nullish-coalescing': false, 'optional-chain': false }
  },
  // Keep `node:` in imports: tsup's protocol remover would mark `node:child_process` external
  // before the plugin above sees it.
  removeNodeProtocol: false,
  define: {
    __AUTHCLI_VERSION__: JSON.stringify(pkg.version),
    // Baked in at build time: the running CLI never reads this variable.
    'process.env.AUTHCLI_DEFAULT_CLIENT_ID': JSON.stringify(process.env.AUTHCLI_DEFAULT_CLIENT_ID ?? ''),
  },
}

export default [
  appConfig({
    ...shared,
    entry: { authcli: 'src/main.ts' },
    splitting: false,
    esbuildPlugins: [cliMainExternal],
    // `import('./cli-main.js')` as `require('./cli-main.cjs')`: Node's ESM loader would cost
    // several milliseconds more on every run that is not answered by the hot path.
    esbuildOptions(options) {
      options.supported = { ...options.supported, 'nullish-coalescing': false, 'optional-chain': false, 'dynamic-import': false }
    },
  }),
  appConfig({
    ...shared,
    entry: { 'cli-main': 'src/cli-main.ts' },
    // tsup's CJS code splitting: `import('./flows/index.js')` becomes a lazily required chunk.
    splitting: true,
    esbuildPlugins: [noCommanderChildProcess, lazyBuiltins],
  }),
]
