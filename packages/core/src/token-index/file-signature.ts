import { statSync, type BigIntStats } from 'node:fs'

/**
 * One version of a file, as a string: device, inode, size, mode, owner, and the modification and
 * change times in nanoseconds. Any write, rename over it, `chmod` or `chown` gives another one
 * (the change time cannot be set back by a user), so an unchanged signature means the same bytes
 * with the same permissions.
 * @example `signatureOf(fstatSync(fd, { bigint: true }))`
 */
export function signatureOf(info: BigIntStats): string {
  return `${info.dev}:${info.ino}:${info.size}:${info.mode}:${info.uid}:${info.mtimeNs}:${info.ctimeNs}`
}

/** The signature of a path that cannot be looked at: the token index never records or matches it. */
export const UNREADABLE = 'unreadable'

/**
 * The signature of a path now: {@link signatureOf} for a file; for a folder only its mode and
 * owner (what a trust check looks at: files coming and going inside do not count); `missing`
 * when there is nothing there; {@link UNREADABLE} when it cannot be looked at (a parent that is
 * a file, a loop of links, no permission): never throws, so taking signatures changes nothing in
 * what a command does or reports. Symbolic links are followed, as reading the path would.
 * @example `fileSignature('/home/me/.mycli/config.toml')` is `'2049:1311:80:33152:1000:…'` or `'missing'`
 */
export function fileSignature(path: string): string {
  let info: BigIntStats | undefined
  try {
    info = statSync(path, { bigint: true, throwIfNoEntry: false })
  } catch {
    return UNREADABLE
  }
  if (info === undefined) return 'missing'
  return info.isDirectory() ? `folder:${info.mode}:${info.uid}` : signatureOf(info)
}

/**
 * {@link fileSignature} of each path, by path.
 * @example `signFiles([configFile, dir])` is `{ '/home/me/.mycli/config.toml': '…', '/home/me/.mycli': 'folder:…' }`
 */
export function signFiles(paths: readonly string[]): Record<string, string> {
  return Object.fromEntries(paths.map((path) => [path, fileSignature(path)]))
}
