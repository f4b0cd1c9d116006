// The examples section of `npm run bench` (apps/examples): each product bundled (esbuild, minified
// ESM, the keychain addon external) and the cold start of its `auth token` with a valid stored token
// (no network), timed in alternation with `node -e 0` in the same environment
// (scripts/bench/measure.mjs). Their bundle sizes are measured by the bundles section
// (scripts/bench/bundles.mjs).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PRODUCT_BUILD } from './bench/bundles.mjs'
import { alternate, spawnTimer } from './bench/measure.mjs'
import { heading, row } from './bench/report.mjs'

const HOST = 'https://api.example.com'
const credential = (flow) => ({
  accessToken: 'bench_token_0123456789abcdef',
  tokenType: 'Bearer',
  scopes: ['api:read'],
  account: { login: 'bench' },
  flow,
  clientId: 'authcli',
  obtainedAt: Date.now(),
})

/** How each product is set up with a stored token, and the argv of its `auth token`. */
const PRODUCTS = {
  'device-first': async (home, { file }) => {
    const dir = join(home, '.hubcli')
    await file({ dir }).set({ host: HOST, account: 'bench' }, credential('device'))
    writeFileSync(join(dir, 'host'), `${HOST}\n`)
    return { env: { HUBCLI_CONFIG_DIR: dir }, args: ['auth', 'token'] }
  },
  'browser-tenant': async (home, { file }) => {
    await file({ dir: join(home, '.tenantcli') }).set({ host: HOST, account: 'bench' }, credential('pkce'))
    return { env: {}, args: ['auth', 'token', '--api-url', HOST] }
  },
  'profiles-encrypted': async (home, { encrypted, parseKey }) => {
    const dir = join(home, '.profcli')
    const key = Buffer.alloc(32, 7).toString('base64')
    await encrypted({ dir, key: parseKey(key, 'PROFCLI_ENCRYPTION_KEY') }).set({ host: HOST, account: 'bench' }, credential('device'))
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify({ active: 'dev', profiles: { dev: { host: HOST, flow: 'device', clientId: 'authcli' } } }), { mode: 0o600 })
    return { env: { PROFCLI_ENCRYPTION_KEY: key }, args: ['auth', 'token'] }
  },
  'yaml-config': async (home, { file }) => {
    const dir = join(home, '.yamlcli')
    await file({ dir }).set({ host: HOST, account: 'bench' }, credential('device'))
    writeFileSync(join(dir, 'config.yaml'), 'admin:\n  endpoint: dns:///api.example.com\n  authType: DeviceFlow\n  clientId: authcli\n', { mode: 0o600 })
    return { env: {}, args: ['auth', 'token'] }
  },
  'password-jwt': async (home, { file }) => {
    const dir = join(home, 'cache')
    await file({ dir, fileName: 'token-cache.json' }).set({ host: HOST, account: 'bench' }, { ...credential('password'), expiresAt: Date.now() + 3_600_000 })
    return { env: { PWCLI_HOST: HOST, PWCLI_TOKEN_CACHE_DIR: dir }, args: ['token'] }
  },
}

/** Bundles the examples and times their `auth token`; the rows go to bench/results.json. */
export async function benchExamples({ root }) {
  const { build } = await import('esbuild')
  const load = (path) => import(pathToFileURL(join(root, path)).href)
  const { createFileStore: file } = await load('packages/store-file/dist/index.js')
  const { createEncryptedStore: encrypted, parseEncryptionKey: parseKey } = await load('packages/store-encrypted/dist/index.js')
  // Inside the repository, so that a bundle finds the keychain addon in node_modules, as a product ships it.
  const out = mkdtempSync(join(root, 'apps/examples/.bundles-bench-'))
  try {
    const home = join(out, 'home')
    mkdirSync(home, { mode: 0o700 })
    const base = { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' }
    heading('examples', 'apps/examples products, bundled: `auth token` with a stored token ÷ `node -e 0`')
    for (const [name, setUp] of Object.entries(PRODUCTS)) {
      const outfile = join(out, `${name}.mjs`)
      await build({
        ...PRODUCT_BUILD,
        entryPoints: [join(root, 'apps/examples', name, 'cli.ts')],
        outfile,
        logLevel: 'silent',
        banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      })
      const { env, args } = await setUp(home, { file, encrypted, parseKey })
      const m = await alternate(
        spawnTimer([process.execPath, outfile, ...args], { ...base, ...env }, { expect: /bench_token_0123456789abcdef/ }),
        spawnTimer([process.execPath, '-e', '0'], { ...base, ...env }),
      )
      row('examples', { name: `${name} auth token`, reference: 'node -e 0', m })
    }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}
