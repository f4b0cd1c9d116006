// Bundle-size budgets (size-limit, esbuild + brotli), checked by `npm test` and CI.
// Each entry measures what a consumer's bundler keeps for the named imports.
const node = (config) => ({ ...config, platform: 'node', target: 'node20' })

export default [
  {
    "name": "@auth/core: everything (ESM)",
    "path": "packages/core/dist/index.js",
    "import": "*",
    "limit": "18 kB",
    "modifyEsbuildConfig": node
  },
  {
    "name": "@auth/core: what a PAT-only CLI pulls (resolveCredential, memory store, errors)",
    "path": "packages/core/dist/index.js",
    "import": "{ resolveCredential, createMemoryStore, AuthError }",
    "limit": "5 kB",
    "modifyEsbuildConfig": node
  },
  {
    "name": "@auth/core: redact only",
    "path": "packages/core/dist/index.js",
    "import": "{ redact }",
    "limit": "1 kB",
    "modifyEsbuildConfig": node
  },
  {
    "name": "@auth/core: config (TOML, smol-toml included)",
    "path": "packages/core/dist/index.js",
    "import": "{ loadConfig, saveConfig, resolveProfile }",
    "limit": "12 kB",
    "modifyEsbuildConfig": node
  },
  {
    "name": "authcli: the bundled CLI file",
    "path": "apps/cli/dist/authcli.cjs",
    "import": false,
    "limit": "30 kB",
    "modifyEsbuildConfig": node
  }
]
