// Run by in-process.mjs in a fresh `node` (so the other sections' modules and JIT state are not
// in the way): `getAccessToken()` with a valid cached token (createAuth + the PAT flow + the file
// store, as a product builds it), in batches, alternating with each reference's batches.
// A session caches a valid token in memory, so a second row times a new session's first call
// (the token read from the store). Prints one JSON line: the rows, in µs per call.
import { mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { alternate } from './measure.mjs'

const [root] = process.argv.slice(2)
const load = (path) => import(pathToFileURL(join(root, path)).href)
const { createAuth } = await load('packages/core/dist/index.js')
const { createPatFlow } = await load('packages/flow-pat/dist/index.js')
const { createFileStore } = await load('packages/store-file/dist/index.js')

const TOKEN = 'bench_token_0123456789abcdef'
const host = 'https://api.example.com'
const dir = mkdtempSync(join(tmpdir(), 'authcli-bench-inproc-'))
try {
  await createFileStore({ dir }).set({ host, account: 'bench' }, { accessToken: TOKEN, tokenType: 'Bearer', scopes: ['api:read'], account: { login: 'bench' }, flow: 'pat', obtainedAt: Date.now() })
  const make = () =>
    createAuth({
      name: 'mycli',
      host,
      dir,
      flows: [createPatFlow({ host, profileUrl: `${host}/api/v1/profile` })],
      stores: [createFileStore({ dir })],
      interactive: false,
    })
  const auth = make()
  const file = join(dir, 'credentials')
  const calls = {
    'getAccessToken()': () => auth.getAccessToken(),
    'readFile + JSON.parse per call': async () => Object.values(JSON.parse(await readFile(file, 'utf8')).credentials)[0].accessToken,
    'async () => string': async () => TOKEN,
    // A new session each call: its in-memory cache is empty, so the token comes from the store.
    'createAuth() + first getAccessToken()': () => make().getAccessToken(),
  }
  for (const [name, call] of Object.entries(calls)) {
    if ((await call()) !== TOKEN) throw new Error(`bench: ${name} did not answer the stored token`)
  }
  const rows = []
  for (const reference of ['readFile + JSON.parse per call', 'async () => string']) {
    const m = await alternate(batch(calls['getAccessToken()']), batch(calls[reference]))
    rows.push({ name: 'getAccessToken(), valid PAT, file store', reference, m, extra: { 'calls/s': Math.round(1e6 / m.case.median), 'ref calls/s': Math.round(1e6 / m.ref.median) } })
  }
  const m = await alternate(batch(calls['createAuth() + first getAccessToken()']), batch(calls['readFile + JSON.parse per call']))
  rows.push({
    name: 'createAuth() + first getAccessToken()',
    reference: 'readFile + JSON.parse per call',
    m,
    extra: { 'calls/s': Math.round(1e6 / m.case.median), 'ref calls/s': Math.round(1e6 / m.ref.median) },
  })
  process.stdout.write(`${JSON.stringify(rows)}\n`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

/**
 * A sample function: calls `call` in a batch sized (once, on first use) to last about 50 ms,
 * sequentially, as a program awaiting each token would; the sample is µs per call.
 */
function batch(call) {
  let size = 0
  return async () => {
    if (size === 0) {
      let n = 1
      for (;;) {
        const t0 = performance.now()
        for (let i = 0; i < n; i++) await call()
        if (performance.now() - t0 >= 25 || n >= 1 << 24) break
        n *= 2
      }
      size = n * 2
    }
    const t0 = performance.now()
    for (let i = 0; i < size; i++) await call()
    return ((performance.now() - t0) * 1000) / size
  }
}
