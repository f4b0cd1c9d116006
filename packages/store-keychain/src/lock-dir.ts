/**
 * The folder of the keychain index's cross-process lock: the `lockDir` option, or a private
 * per-user folder. Internal.
 */
import { lstat, mkdir } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { keychainError } from './errors.js'

/**
 * The default lock folder: `<dir>/.locks` when the product passed its own folder (`dir`), else
 * `$XDG_RUNTIME_DIR/auth-keychain` when that per-user runtime folder is set (Linux), else
 * `~/.<service>/.locks`. Never a name in the shared temp folder, where another user could create
 * it first and make every keychain write fail. Created 0700 and must stay private.
 */
export function defaultLockDir(env: NodeJS.ProcessEnv, service: string, dir?: string): string {
  if (dir !== undefined) return join(dir, '.locks')
  const runtime = env['XDG_RUNTIME_DIR']
  if (typeof runtime === 'string' && runtime.startsWith('/')) return join(runtime, 'auth-keychain')
  return join(homedir(), `.${service.replace(/[^A-Za-z0-9._-]/g, '_')}`, '.locks')
}

/**
 * Creates `dir` 0700 if missing, and checks it is a real folder (not a symlink) owned by this
 * user and closed to group and others, so another local user cannot hold, break or fake the lock.
 * @throws StorageError (exit 6) naming the folder, with the fix (`chmod 700`, or `lockDir`).
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    throw keychainError(`cannot create the lock folder ${dir}`, 'the lock folder cannot be created', 'set the "lockDir" option to a private folder', error)
  })
  if (process.platform === 'win32') return
  const info = await lstat(dir)
  const uid = process.getuid?.()
  if (!info.isDirectory()) {
    throw keychainError(`the lock folder ${dir} is not a folder (a symlink?)`, 'the lock folder is not a folder', `remove it, or set the "lockDir" option to a private folder`)
  }
  if (uid !== undefined && info.uid !== uid) {
    throw keychainError(`the lock folder ${dir} belongs to another user (uid ${info.uid})`, 'the lock folder belongs to another user', 'set the "lockDir" option to a private folder of yours')
  }
  if ((info.mode & 0o077) !== 0) {
    throw keychainError(`the lock folder ${dir} is open to group or others (mode ${(info.mode & 0o777).toString(8)})`, 'the lock folder is not private', `chmod 700 ${dir}`)
  }
}
