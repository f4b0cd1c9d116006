#!/usr/bin/env node
// `npm run demo`: installs what is missing, builds, starts the embedded OAuth server on
// 127.0.0.1 and walks the reference CLI through what exists, printing each command, its
// output and its exit code. Everything happens in a throw-away config dir; nothing of yours
// is read or written. Each step checks its exit code: the demo fails loudly if one breaks.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { ensureNpm } from './ensure.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'apps/cli/dist/authcli.cjs')

ensureNpm()
const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
})
if (build.status !== 0) process.exit(build.status ?? 1)

const { startDevServer } = await import(pathToFileURL(join(root, 'apps/dev-server/dist/index.js')).href)
const home = mkdtempSync(join(tmpdir(), 'authcli-demo-'))
const env = { PATH: process.env.PATH, HOME: home, AUTHCLI_CONFIG_DIR: join(home, '.authcli'), NO_COLOR: '1' }
const server = await startDevServer({ port: 0, deviceInterval: 0.2 })
let failures = 0

function section(title) {
  console.log(`\n## ${title}`)
}

/**
 * Runs `authcli ARGS`, shows it as a user would see it, and checks the exit code. Asynchronous:
 * the OAuth server runs in this process and must keep answering while the CLI talks to it.
 * `prefix` is what the user typed before (`AUTHCLI_CLIENT_SECRET=... `), `extraEnv` what it set;
 * `onLine` sees each stdout line as it comes (the device code); `hide` masks tokens in the display.
 */
async function authcli(args, { expect = 0, input, extraEnv = {}, prefix = '', onLine, onErrLine, hide = false } = {}) {
  console.log(`\n$ ${prefix}authcli ${args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(' ')}${input === undefined ? '' : ' < token.txt'}`)
  const child = spawn(process.execPath, [cli, ...args], { env: { ...env, ...extraEnv }, stdio: ['pipe', 'pipe', 'pipe'] })
  // `onErrLine` answers on stdin as the user would (the paste-back of the browser flow): stdin stays open for it.
  if (onErrLine === undefined) child.stdin.end(input ?? '')
  let stdout = ''
  let stderr = ''
  let pending = ''
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk
    pending += chunk
    for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n')) {
      onLine?.(pending.slice(0, end))
      pending = pending.slice(end + 1)
    }
  })
  let errPending = ''
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk
    errPending += chunk
    for (let end = errPending.indexOf('\n'); end !== -1; end = errPending.indexOf('\n')) {
      onErrLine?.(errPending.slice(0, end), (text) => child.stdin.write(text))
      errPending = errPending.slice(end + 1)
    }
  })
  const status = await new Promise((resolve) => child.on('close', resolve))
  const shown = `${stdout}${stderr}`.trimEnd()
  if (shown) console.log((hide ? shown.replace(/\b([A-Za-z0-9_-]{4})[A-Za-z0-9_.~+/=-]{16,}/g, '$1****') : shown).replace(/^/gm, '  '))
  const mark = status === expect ? 'ok' : `UNEXPECTED (wanted ${expect})`
  console.log(`  [exit ${status}: ${mark}]`)
  if (status !== expect) failures++
  return { status, stdout, stderr }
}

/** Calls the API as a script would, with what `authcli auth token` printed. */
async function callApi(profile) {
  const { stdout } = await authcli(['auth', 'token', '--profile', profile], { hide: true })
  const response = await fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${stdout.trim()}` } })
  const body = await response.json()
  console.log(`  GET /api/v1/profile with that token -> ${response.status} ${JSON.stringify({ login: body.login, scopes: body.scopes })}`)
  if (!response.ok) failures++
}

try {
  section(`The embedded OAuth server is up at ${server.issuer}`)
  const discovery = await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()
  console.log(`  token endpoint:  ${discovery.token_endpoint}`)
  console.log(`  device endpoint: ${discovery.device_authorization_endpoint}`)
  console.log(`  grants:          ${discovery.grant_types_supported.join(', ')}`)

  section('The CLI')
  await authcli(['--version'])
  await authcli(['--help'])

  section('Profiles and preferences in $AUTHCLI_CONFIG_DIR/config.toml (0600)')
  await authcli(['config', 'set', 'host', server.issuer])
  await authcli(['config', 'set', 'client_id', 'authcli'])
  await authcli(['config', 'set', 'scopes', 'openid profile email offline_access'])
  await authcli(['--profile', 'ci', 'config', 'set', 'host', server.issuer])
  await authcli(['--profile', 'ci', 'config', 'set', 'flow', 'client-credentials'])
  await authcli(['--profile', 'ci', 'config', 'set', 'client_id', 'authcli-confidential'])
  await authcli(['profiles', 'list'])
  await authcli(['profiles', 'use', 'ci'])
  await authcli(['profiles', 'list', '--json'])
  await authcli(['config', 'list'])

  section('Bad input gets a stable code, a one-line message, a hint and the right exit code')
  await authcli(['profiles', 'use', 'nope'], { expect: 2 })
  await authcli(['config', 'set', 'flow', 'magic'], { expect: 2 })
  await authcli(['config', 'set', 'store', 'cloud', '--json'], { expect: 2 })
  await authcli(['auth', 'frobnicate'], { expect: 2 })

  section('Log in with a personal access token: validated against the API before it is saved')
  const pat = server.mintPat({ login: 'alice', scopes: ['api:read'] })
  // No keychain here (no D-Bus): `auto` falls back to the 0600 file, and says so.
  await authcli(['auth', 'login', '--profile', 'default', '--with-token', '--profile-url', `${server.issuer}/api/v1/profile`], { input: pat })
  await authcli(['auth', 'login', '--profile', 'default', '--token-stdin', '--profile-url', `${server.issuer}/api/v1/profile`], { input: 'dvp_not_a_valid_token_0000000000000', expect: 4 })
  await callApi('default')

  section('Client credentials (CI): the profile "ci" says how; the secret comes from the environment only')
  await authcli(['auth', 'login', '--profile', 'ci', '--scope', 'api:read'], {
    extraEnv: { AUTHCLI_CLIENT_SECRET: server.clients.confidential.clientSecret },
    prefix: 'AUTHCLI_CLIENT_SECRET=*** ',
  })
  await callApi('ci')

  section('Device flow: --json prints the code first (a script could show it anywhere); the demo approves it as the user would')
  await authcli(['auth', 'login', '--profile', 'laptop', '--host', server.issuer, '--device', '--json', '--no-qr'], {
    onLine: (line) => {
      const message = JSON.parse(line)
      if (message.user_code) {
        console.log(`  (the user opens ${message.verification_uri} and enters ${message.user_code})`)
        void server.approveDevice(message.user_code, { login: 'bob' })
      }
    },
  })
  await callApi('laptop')

  section('Browser flow without a browser here (--no-browser): the URL is printed; the user signs in anywhere and pastes back the address the browser lands on')
  let pasted = false
  await authcli(['auth', 'login', '--profile', 'web', '--host', server.issuer, '--no-browser'], {
    onErrLine: (line, answer) => {
      const url = /(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)/.exec(line)?.[1]
      if (url === undefined || pasted) return
      pasted = true
      // What the user does in a browser: sign in as carol; the browser then lands on a page that does not load, whose address is pasted back.
      void server.authorize(url, { login: 'carol' }).then((landing) => {
        console.log(`  (the user signs in as carol; the browser lands on ${landing.replace(/code=[^&]+/, 'code=****')}, and the user pastes that address)`)
        answer(`${landing}\n`)
      })
    },
  })
  await callApi('web')

  section('Who am I (offline), an API call with a tenant header, refresh now, and switching profiles')
  await authcli(['auth', 'whoami'])
  await authcli(['api', '/api/v1/echo', '--tenant', 'acme'])
  await authcli(['auth', 'refresh'])
  await authcli(['auth', 'switch', '--profile', 'default'])
  await authcli(['auth', 'whoami', '--json'])
  await authcli(['auth', 'refresh'], { expect: 4 })
  await authcli(['api', '/api/v1/profile', '--profile', 'ci'])

  section('Who is logged in where: each token checked at the server (--offline does not), masked, and exactly where it is stored')
  await authcli(['auth', 'status'])
  await authcli(['auth', 'status', '--offline', '--profile', 'web'])
  await authcli(['auth', 'status', '--json'])
  await authcli(['store', 'status'])
  await authcli(['auth', 'token'], { extraEnv: { AUTHCLI_TOKEN: 'token-from-the-environment' }, prefix: 'AUTHCLI_TOKEN=token-from-the-environment ' })

  section('Log out: deleted from every store that holds it, revoked at the server where it can be; preferences stay')
  await authcli(['auth', 'logout', '--profile', 'laptop'])
  await authcli(['auth', 'logout', '--all'])
  await authcli(['auth', 'status'], { expect: 4 })
  await authcli(['auth', 'token'], { expect: 4 })
  await authcli(['profiles', 'list'])
} finally {
  await server.close()
  rmSync(home, { recursive: true, force: true })
}
console.log(failures ? `\ndemo: ${failures} step(s) did not behave as expected` : '\ndemo: every step behaved as expected')
if (!failures) {
  console.log(`
## Now try it yourself

  npm run dev-server                       # leaves the OAuth server running and prints its address
  (cd apps/cli && npm link)                # puts authcli on your PATH (npm unlink -g @auth/cli removes it)
  authcli auth login --host http://127.0.0.1:PORT     # on a terminal it asks how: browser, paste-back, device code or a token
  authcli auth status
  authcli api /api/v1/profile
  authcli auth logout

Your own ~/.authcli is used then (set AUTHCLI_CONFIG_DIR to keep it elsewhere).`)
}
process.exit(failures ? 1 : 0)
