#!/usr/bin/env node
// `npm run demo`: installs what is missing, builds, starts the embedded OAuth server on
// 127.0.0.1 and walks the reference CLI through what exists, printing each command, its
// output and its exit code. Everything happens in a throw-away config dir; nothing of yours
// is read or written. Each step checks its exit code: the demo fails loudly if one breaks.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { ensureNpm } from './ensure.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'apps/cli/dist/authcli.cjs')

ensureNpm()
const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
  cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
})
if (build.status !== 0) process.exit(build.status ?? 1)

const { startDevServer } = await import(pathToFileURL(join(root, 'apps/dev-server/dist/index.js')).href)
const home = mkdtempSync(join(tmpdir(), 'authcli-demo-'))
const env = { PATH: process.env.PATH, HOME: home, AUTHCLI_CONFIG_DIR: join(home, '.authcli'), NO_COLOR: '1' }
const server = await startDevServer({ port: 0 })
let failures = 0

function section(title) {
  console.log(`\n## ${title}`)
}

/** Runs `authcli ARGS`, shows it as a user would see it, and checks the exit code. */
function authcli(args, { expect = 0, input } = {}) {
  console.log(`\n$ authcli ${args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(' ')}`)
  const r = spawnSync(process.execPath, [cli, ...args], { env, input, encoding: 'utf8' })
  const out = `${r.stdout}${r.stderr}`.trimEnd()
  if (out) console.log(out.replace(/^/gm, '  '))
  const mark = r.status === expect ? 'ok' : `UNEXPECTED (wanted ${expect})`
  console.log(`  [exit ${r.status}: ${mark}]`)
  if (r.status !== expect) failures++
  return r
}

try {
  section(`The embedded OAuth server is up at ${server.issuer}`)
  const discovery = await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()
  console.log(`  token endpoint:  ${discovery.token_endpoint}`)
  console.log(`  device endpoint: ${discovery.device_authorization_endpoint}`)
  console.log(`  grants:          ${discovery.grant_types_supported.join(', ')}`)

  section('The CLI')
  authcli(['--version'])
  authcli(['--help'])

  section('Profiles and preferences in $AUTHCLI_CONFIG_DIR/config.toml (0600)')
  authcli(['config', 'set', 'host', server.issuer])
  authcli(['config', 'set', 'client_id', 'authcli'])
  authcli(['config', 'set', 'scopes', 'openid profile email offline_access'])
  authcli(['--profile', 'ci', 'config', 'set', 'host', server.issuer])
  authcli(['--profile', 'ci', 'config', 'set', 'flow', 'client-credentials'])
  authcli(['--profile', 'ci', 'config', 'set', 'client_id', 'authcli-confidential'])
  authcli(['profiles', 'list'])
  authcli(['profiles', 'use', 'ci'])
  authcli(['profiles', 'list', '--json'])
  authcli(['config', 'list'])

  section('Bad input gets a stable code, a one-line message, a hint and the right exit code')
  authcli(['profiles', 'use', 'nope'], { expect: 2 })
  authcli(['config', 'set', 'flow', 'magic'], { expect: 2 })
  authcli(['config', 'set', 'store', 'cloud', '--json'], { expect: 2 })
  authcli(['auth', 'frobnicate'], { expect: 2 })
} finally {
  await server.close()
  rmSync(home, { recursive: true, force: true })
}
console.log(failures ? `\ndemo: ${failures} step(s) did not behave as expected` : '\ndemo: every step behaved as expected')
process.exit(failures ? 1 : 0)
