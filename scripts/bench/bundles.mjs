// The bundles section of `npm run bench` (issue 20): what a product ships, measured as the issue
// measures it and as .size-limit.js checks it: esbuild --bundle --minify --platform=node (ESM for
// top-level await, target node20, the keychain addon external, nothing else), then the minified
// bytes and gzip level 9 (zlib, as size-limit's `gzip: true`; size-limit reports 32 B less: it
// subtracts an empty esbuild project). Three groups, measured in the same run:
// - the consumer programs of the issue's bundle table (apps/examples/src, run by the examples' tests),
// - the five example products (apps/examples/<name>/cli.ts),
// - references: openid-client's own pieces, @azure/msal-node and @octokit/auth-oauth-device used
//   directly (apps/examples/bench, not product code).
// Each row carries where the bytes go: the biggest inputs of esbuild's metafile (minified bytes
// each input leaves in the output, before gzip) and the same summed by package.
//   node scripts/bench/bundles.mjs   (on its own; needs the packages built)
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

/** The consumer programs of the issue's table: [case, path, goal in gzip bytes, reference case]. */
const ROWS = [
  ['core + flow-pat + store-file', 'apps/examples/src/pat-file.ts', 6_000, undefined],
  ['core + flow-device + store-file', 'apps/examples/src/device-file.ts', 11_000, 'openid-client: device + refresh'],
  ['core + flow-client-credentials + store-file', 'apps/examples/src/client-credentials-file.ts', 10_000, 'openid-client: client credentials'],
  ['core + flow-pkce + store-keychain + store-file', 'apps/examples/src/pkce-keychain.ts', 16_000, 'openid-client: PKCE code + refresh'],
]
const PRODUCTS = ['device-first', 'browser-tenant', 'profiles-encrypted', 'yaml-config', 'password-jwt']
const REFERENCES = [
  ['openid-client: device + refresh', 'apps/examples/bench/openid-client-device.mjs'],
  ['openid-client: client credentials', 'apps/examples/bench/openid-client-client-credentials.mjs'],
  ['openid-client: PKCE code + refresh', 'apps/examples/bench/openid-client-pkce.mjs'],
  ['@azure/msal-node: device code (PublicClientApplication)', 'apps/examples/bench/msal-node-device.mjs'],
  ['@octokit/auth-oauth-device: device flow', 'apps/examples/bench/octokit-device.mjs'],
]

/** `packages/core/dist/session/login.js` → `@auth/core session/login.js`; `node_modules/a/b.js` → `a b.js`. */
export function inputName(path) {
  const ours = /^packages\/([^/]+)\/dist\/(.+)$/.exec(path)
  if (ours) return `@auth/${ours[1]} ${ours[2]}`
  const at = path.lastIndexOf('node_modules/')
  if (at >= 0) {
    const parts = path.slice(at + 'node_modules/'.length).split('/')
    const name = parts[0]?.startsWith('@') ? parts.splice(0, 2).join('/') : parts.splice(0, 1)[0]
    return `${name} ${parts.join('/')}`
  }
  return path
}

/** How a product's bundler builds its CLI (the issue's measure): esbuild options shared by the bench's sections. */
export const PRODUCT_BUILD = { bundle: true, minify: true, platform: 'node', format: 'esm', target: 'node20', external: ['@napi-rs/keyring'] }

/** Bundles `entry` (relative to `root`) as a product's bundler does; returns the sizes and where the bytes go. */
export async function measureBundle(root, entry, top = 10) {
  const { build } = await import('esbuild')
  const result = await build({
    ...PRODUCT_BUILD,
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: 'bundle.mjs',
    write: false,
    metafile: true,
    logLevel: 'error',
  })
  const bytes = result.outputFiles[0].contents
  const inputs = Object.entries(Object.values(result.metafile.outputs)[0].inputs)
    .map(([path, { bytesInOutput }]) => ({ input: inputName(relative(root, join(root, path))), bytes: bytesInOutput }))
    .filter((i) => i.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
  const byPackage = {}
  for (const { input, bytes: n } of inputs) {
    const name = input.split(' ')[0]
    byPackage[name] = (byPackage[name] ?? 0) + n
  }
  return {
    minBytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
    inputCount: inputs.length,
    inputs: inputs.slice(0, top),
    byPackage: Object.fromEntries(Object.entries(byPackage).sort((a, b) => b[1] - a[1])),
  }
}

const kB = (n) => `${(n / 1000).toFixed(1)} kB`

/**
 * Measures every program, prints a table (and the biggest inputs of the four consumer programs),
 * and returns rows for bench/results.json: `{ section: 'bundles', case, name, group, path, minBytes,
 * gzipBytes, ... }` (`case` and `name` both the label; `goalGzipBytes` and `referenceGzipBytes` on
 * the four rows; `inputs`, the top 10 of the metafile, and `byPackage` on every row).
 * Called as `benchBundles(root)` or `benchBundles({ root, record })`: `record(row)`, when given, is
 * called with each row as well (for a harness that collects rows itself).
 */
export async function benchBundles(options) {
  const { root, record } = typeof options === 'string' ? { root: options } : options
  const rows = []
  const measure = async (group, name, path, extra = {}) => {
    const row = { section: 'bundles', case: name, name, group, path, ...(await measureBundle(root, path)), ...extra }
    rows.push(row)
    return row
  }
  const references = {}
  for (const [name, path] of REFERENCES) references[name] = await measure('reference', name, path)
  const ours = []
  for (const [name, path, goal, reference] of ROWS) {
    const extra = { goalGzipBytes: goal, ...(reference && { reference, referenceGzipBytes: references[reference].gzipBytes }) }
    ours.push(await measure('issue 20 table', name, path, extra))
  }
  for (const name of PRODUCTS) await measure('example product', `example: ${name}`, `apps/examples/${name}/cli.ts`)

  console.log('\nbundles (esbuild --bundle --minify --platform=node, ESM, node20; gzip -9 by zlib): what a product ships')
  console.log(`  ${'case'.padEnd(56)} ${'minified'.padStart(9)} ${'gzip'.padStart(8)} ${'goal'.padStart(7)}  reference used directly (gzip)`)
  const line = (r) => {
    const reference = r.reference ? `${r.reference}: ${kB(r.referenceGzipBytes)} (ours ${(r.gzipBytes / r.referenceGzipBytes).toFixed(1)}x)` : ''
    console.log(`  ${r.case.padEnd(56)} ${kB(r.minBytes).padStart(9)} ${kB(r.gzipBytes).padStart(8)} ${(r.goalGzipBytes ? kB(r.goalGzipBytes) : '').padStart(7)}  ${reference}`)
  }
  for (const r of rows.filter((r) => r.group !== 'reference')) line(r)
  console.log('  references (used directly, no @auth package; apps/examples/bench):')
  for (const r of rows.filter((r) => r.group === 'reference')) line(r)
  for (const r of ours) {
    console.log(`\n  where the bytes go in ${r.case} (${r.path}; minified bytes in the output, ${r.inputCount} inputs)`)
    for (const { input, bytes } of r.inputs) console.log(`    ${String(bytes).padStart(7)}  ${input}`)
    console.log(
      `    by package: ${Object.entries(r.byPackage)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ')}`,
    )
  }
  for (const r of rows) record?.(r)
  return rows
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchBundles(join(fileURLToPath(import.meta.url), '..', '..', '..'))
