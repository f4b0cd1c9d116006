import { open, type FileHandle } from 'node:fs/promises'
import { unusable } from './_unusable.js'

/** A secret or key file larger than this is the wrong file. */
const MAX_SIZE = 64 * 1024

/**
 * Reads a secret file after checking, on the open handle (no race with a swap of the path),
 * that it is a regular file, that group and others have no access to it (POSIX; `chmod 600`),
 * and that it is not too large. Symlinks are followed (Kubernetes mounts secrets that way);
 * the target is checked. Internal.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) naming the file and the fix.
 */
export async function readSecretFile(path: string, what: string): Promise<string> {
  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw openError(error, path, what)
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) throw unusable(`${what} ${path} is not a regular file`, `point it at the file that holds the secret`)
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0')
      throw unusable(`${what} ${path} is accessible by other users (mode ${mode}); refusing to use it`, `chmod 600 ${path}`)
    }
    if (stat.size > MAX_SIZE) throw unusable(`${what} ${path} is larger than 64 KiB`, 'point it at the file that holds the secret alone')
    return await handle.readFile('utf8')
  } finally {
    await handle.close()
  }
}

function openError(error: unknown, path: string, what: string): Error {
  const code = (error as { code?: unknown })?.code
  if (code === 'ENOENT') return unusable(`${what} ${path} does not exist`, `create it with the secret alone (chmod 600), or fix the path`)
  if (code === 'EACCES' || code === 'EPERM') return unusable(`${what} ${path} cannot be read: permission denied`, `make it readable by this user only: chmod 600 ${path}`)
  return unusable(`${what} ${path} cannot be read (${typeof code === 'string' ? code : 'error'})`, 'check the path')
}
