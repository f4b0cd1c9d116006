// The logged-in profiles the cold-start rows read: a valid PAT (no expiry) for
// https://api.example.com, written by store-file as a login would, a config naming it
// (`authcli config set`), then moved by `authcli store migrate --to encrypted|keychain` for the
// other stores. No server: `auth token` must not touch the network while the token is valid.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export const TOKEN = 'bench_token_0123456789abcdef'
export const TOKEN_RE = new RegExp(`^${TOKEN}\\n$`)
export const HOST = 'https://api.example.com'
/** A raw 32-byte key for the encrypted store (AUTHCLI_ENCRYPTION_KEY). */
export const RAW_KEY = Buffer.alloc(32, 7).toString('base64')

/**
 * Writes the profile of `store` ('file', 'encrypted' or 'keychain') under `home`, in
 * `home/<store>`. `extraEnv` reaches the keyring (DBUS_SESSION_BUS_ADDRESS) for 'keychain'.
 * @returns the environment `authcli auth token` needs (clean: PATH, HOME, the config dir, NO_COLOR).
 */
export async function makeProfile({ root, cli, home, store, extraEnv = {} }) {
  const configDir = join(home, store)
  const env = { PATH: process.env.PATH, HOME: home, AUTHCLI_CONFIG_DIR: configDir, NO_COLOR: '1', ...extraEnv }
  if (store === 'encrypted') env.AUTHCLI_ENCRYPTION_KEY = RAW_KEY
  const { createFileStore } = await import(pathToFileURL(join(root, 'packages/store-file/dist/index.js')).href)
  await createFileStore({ dir: configDir }).set(
    { host: HOST, account: 'bench' },
    { accessToken: TOKEN, tokenType: 'Bearer', scopes: ['api:read'], account: { login: 'bench' }, flow: 'pat', obtainedAt: Date.now() },
  )
  const steps = [
    ['config', 'set', 'host', HOST],
    ['config', 'set', 'flow', 'pat'],
    ['config', 'set', 'store', store],
  ]
  if (store !== 'file') steps.push(['store', 'migrate', '--to', store])
  for (const args of steps) {
    const r = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`bench: authcli ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  }
  const check = spawnSync(process.execPath, [cli, 'auth', 'token'], { env, encoding: 'utf8' })
  if (check.status !== 0 || !TOKEN_RE.test(check.stdout)) throw new Error(`bench: the ${store} profile does not answer auth token: ${check.stderr}`)
  return env
}
