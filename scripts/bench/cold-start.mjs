// Section `cold`: the whole-process cold start of `authcli auth token` with a valid cached
// token (AUTHCLI_TOKEN; the file, encrypted and keychain stores), of the floor script, of the
// references (`gh auth token`, a script importing openid-client, one importing
// @azure/msal-node), of loading @auth/core and of the full CLI (`--version`), each row timed in
// alternation with `node -e 0` in the same environment: clean (no NODE_EXTRA_CA_CERTS) and,
// when it is set here, the machine's NODE_EXTRA_CA_CERTS.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startKeyring } from './keyring.mjs'
import { alternate, spawnTimer } from './measure.mjs'
import { missingModule } from './optional.mjs'
import { makeProfile, TOKEN, TOKEN_RE } from './profiles.mjs'
import { heading, row, skip } from './report.mjs'

const SECTION = 'cold'
const here = (file) => fileURLToPath(new URL(file, import.meta.url))

export async function benchColdStart({ root, cli }) {
  heading(SECTION, '`auth token` with a valid cached token, whole process, ÷ `node -e 0` in the same env')
  const home = mkdtempSync(join(tmpdir(), 'authcli-bench-cold-'))
  const keyring = await startKeyring(join(home, 'keyring-home'))
  try {
    const file = await makeProfile({ root, cli, home, store: 'file' })
    const encrypted = await makeProfile({ root, cli, home, store: 'encrypted' })
    let keychain
    let keychainSkip = keyring.skipped
    if (keyring.env) {
      try {
        keychain = await makeProfile({ root, cli, home, store: 'keychain', extraEnv: keyring.env })
      } catch (error) {
        keychainSkip = `the keychain profile could not be set up: ${error.message.split('\n')[0]}`
      }
    }
    const gh = ghPath()
    mkdirSync(join(home, 'gh-config'), { recursive: true })
    mkdirSync(join(home, 'ci-home'), { recursive: true })
    const node = process.execPath
    const token = [node, cli, 'auth', 'token']
    /** [name, argv, env, expect] or [name, undefined, why]. */
    const cases = [
      ['authcli auth token, AUTHCLI_TOKEN set', token, { ...file, AUTHCLI_TOKEN: TOKEN }, TOKEN_RE],
      // A CI job: the token in the environment, no config folder at all.
      ['authcli auth token, AUTHCLI_TOKEN, CI (no dir)', token, { PATH: process.env.PATH, HOME: join(home, 'ci-home'), NO_COLOR: '1', AUTHCLI_TOKEN: TOKEN }, TOKEN_RE],
      ['authcli auth token, file store', token, file, TOKEN_RE],
      ['authcli auth token, encrypted store (raw key)', token, encrypted, TOKEN_RE],
      keychain ? ['authcli auth token, keychain (gnome-keyring)', token, keychain, TOKEN_RE] : ['authcli auth token, keychain (gnome-keyring)', undefined, keychainSkip],
      ['floor: CommonJS script reads credentials', [node, here('references/floor.cjs')], file, TOKEN_RE],
      // What a product pays to load the library, and the full CLI (what the hot path avoids).
      ["require('@auth/core') (cjs)", [node, '-e', "require('@auth/core')"], file],
      ["import '@auth/core' (esm)", [node, '--input-type=module', '-e', "import '@auth/core'"], file],
      ['authcli --version (the full CLI)', [node, cli, '--version'], file],
      gh
        ? ['ref: gh auth token, GH_TOKEN set', [gh, 'auth', 'token'], { ...file, GH_TOKEN: TOKEN, GH_CONFIG_DIR: join(home, 'gh-config'), GH_NO_UPDATE_NOTIFIER: '1' }, TOKEN_RE]
        : ['ref: gh auth token, GH_TOKEN set', undefined, '`gh` is not installed (Debian: apt-get install gh); not installed by the bench'],
      missingModule('openid-client')
        ? ['ref: a script importing openid-client', undefined, missingModule('openid-client')]
        : ['ref: a script importing openid-client', [node, here('references/openid-client.mjs')], file],
      missingModule('@azure/msal-node')
        ? ['ref: a script importing @azure/msal-node', undefined, missingModule('@azure/msal-node')]
        : ['ref: a script importing @azure/msal-node', [node, here('references/msal-node.mjs')], file],
    ]
    const failures = []
    const envs = [['clean', {}]]
    if (process.env.NODE_EXTRA_CA_CERTS) envs.push(['machine', { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS }])
    else skip(SECTION, 'machine env (NODE_EXTRA_CA_CERTS)', 'NODE_EXTRA_CA_CERTS is not set on this machine')
    for (const [envName, extra] of envs) {
      console.log(`  -- ${envName === 'clean' ? 'clean env (env -u NODE_EXTRA_CA_CERTS)' : `machine env (NODE_EXTRA_CA_CERTS=${extra.NODE_EXTRA_CA_CERTS})`}`)
      for (const [name, argv, envOrWhy, expect] of cases) {
        if (argv === undefined) {
          skip(SECTION, `${name} [${envName}]`, envOrWhy)
          continue
        }
        const env = { ...envOrWhy, ...extra }
        try {
          const m = await alternate(spawnTimer(argv, env, { cwd: root, expect }), spawnTimer([node, '-e', '0'], env, { cwd: root }))
          row(SECTION, { name, reference: 'node -e 0', env: envName, m })
          if (process.env.BENCH_CPU_PROF && argv[0] === node) profileOnce(argv, env, `${envName}-${name}`, root)
        } catch (error) {
          // A reference that cannot run here is skipped; one of ours that fails fails the section, after the other rows.
          const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
          skip(SECTION, `${name} [${envName}]`, why)
          if (!name.startsWith('ref: ')) failures.push(`${name} [${envName}]: ${why}`)
        }
      }
    }
    if (failures.length > 0) throw new Error(failures.join('; '))
  } finally {
    await keyring.close?.()
    rmSync(home, { recursive: true, force: true })
  }
}

/**
 * BENCH_CPU_PROF=<dir>: after a row is measured, its process runs once more under
 * `node --cpu-prof` into <dir> (`<env>-<case>.cpuprofile`), for a closing note to show where the
 * time goes (open in Chrome DevTools' Performance panel). Not timed.
 */
function profileOnce(argv, env, label, cwd) {
  const dir = resolve(process.env.BENCH_CPU_PROF)
  mkdirSync(dir, { recursive: true })
  const name = `${label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '')}.cpuprofile`
  spawnSync(argv[0], ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}`, '--cpu-prof-interval=100', ...argv.slice(1)], { cwd, env, stdio: 'ignore' })
}

function ghPath() {
  const r = spawnSync('sh', ['-c', 'command -v gh'], { encoding: 'utf8' })
  const path = r.stdout.trim()
  return r.status === 0 && path !== '' && existsSync(path) ? path : undefined
}
