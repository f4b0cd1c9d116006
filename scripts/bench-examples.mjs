// The examples section of `npm run bench` (apps/examples): each product bundled (esbuild, minified
// ESM, the keychain addon external) and the cold start of its `auth token` with a valid stored token
// (no network), side by side with `node -e 0` in the same run. Their bundle sizes are measured by
// the bundles section (scripts/bench/bundles.mjs).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

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

/**
 * Bundles and times the examples. `measure(argv, env)` is bench.mjs's (warm-up, then min /
 * median / p90 over its runs); returns result rows for .bench/results.json.
 */
export async function benchExamples(root, measure) {
  const { build } = await import('esbuild')
  const load = (path) => import(pathToFileURL(join(root, path)).href)
  const { createFileStore: file } = await load('packages/store-file/dist/index.js')
  const { createEncryptedStore: encrypted, parseEncryptionKey: parseKey } = await load('packages/store-encrypted/dist/index.js')
  // Inside the repository, so that a bundle finds the keychain addon in node_modules, as a product ships it.
  const out = mkdtempSync(join(root, 'apps/examples/.bundles-bench-'))
  const rows = []
  try {
    const home = join(out, 'home')
    mkdirSync(home, { mode: 0o700 })
    const base = { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' }
    console.log('\nthe examples (apps/examples): `auth token` cold start with a stored token, ms')
    console.log(`  ${'case'.padEnd(32)} ${'min'.padStart(7)} ${'median'.padStart(7)} ${'p90'.padStart(7)}`)
    const floor = measure([process.execPath, '-e', '0'], base)
    rows.push({ env: 'clean env', case: 'examples: node -e 0 (floor)', ...floor })
    console.log(`  ${'node -e 0 (floor, same run)'.padEnd(32)} ${floor.min.toFixed(1).padStart(7)} ${floor.median.toFixed(1).padStart(7)} ${floor.p90.toFixed(1).padStart(7)}`)
    for (const [name, setUp] of Object.entries(PRODUCTS)) {
      const outfile = join(out, `${name}.mjs`)
      await build({
        entryPoints: [join(root, 'apps/examples', name, 'cli.ts')],
        bundle: true,
        minify: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile,
        external: ['@napi-rs/keyring'],
        logLevel: 'silent',
        banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      })
      const { env, args } = await setUp(home, { file, encrypted, parseKey })
      const s = measure([process.execPath, outfile, ...args], { ...base, ...env })
      rows.push({ env: 'clean env', case: `examples: ${name} auth token`, ...s })
      console.log(`  ${`${name} auth token`.padEnd(32)} ${s.min.toFixed(1).padStart(7)} ${s.median.toFixed(1).padStart(7)} ${s.p90.toFixed(1).padStart(7)}`)
    }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
  return rows
}
