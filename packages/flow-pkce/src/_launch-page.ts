// The private page that hands the authorization URL to the browser without argv. Internal.
import { mkdir, mkdtemp, open, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { assertTrustedFolder } from '@auth/core'
import { escapeHtml } from './_pages.js'

/** A written launch page: its `file://` URL (for the opener) and its removal. */
export interface LaunchPage {
  /** `file:///…/.login-XXXXXX/login.html`: no state, no challenge, nothing another user can use. */
  readonly url: string
  /** Removes the page and its folder; never rejects. */
  remove(): Promise<void>
}

/**
 * Writes a page that sends the browser on to `authorizationUrl` (meta refresh, and
 * `location.replace`) as `login.html`, 0600, in a fresh folder made by `mkdtemp` (0700) under
 * `dir`. The authorization URL carries the state and the PKCE challenge: in argv any local user
 * could read it (`/proc/PID/cmdline`) and end the login, or finish it with a code of their own
 * account. `dir` is created 0700 when missing and refused when another user could replace what
 * is in it (core's `assertTrustedFolder`: not ours or root's, or group/other-writable without the
 * sticky bit; a sticky temp folder is fine, the page's own folder is 0700).
 * Pages that a killed login left (older than {@link STALE_PAGE_MS}) are removed first.
 * @throws Error with a `code` (`EACCES`, `EUNSAFE`, ...) when the page cannot be written safely.
 */
export async function writeLaunchPage(dir: string, authorizationUrl: string, now: number = Date.now()): Promise<LaunchPage> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await assertTrustedFolder(dir, 'folder of the login page').catch((error: unknown) => {
    throw Object.assign(new Error(`${dir} may be changed by another user`), { code: 'EUNSAFE', cause: error })
  })
  await removeStalePages(dir, now)
  const folder = await mkdtemp(join(dir, '.login-'))
  const remove = () => rm(folder, { recursive: true, force: true }).catch(() => {})
  try {
    const file = join(folder, 'login.html')
    const handle = await open(file, 'wx', 0o600)
    try {
      await handle.writeFile(launchHtml(authorizationUrl))
    } finally {
      await handle.close()
    }
    return { url: pathToFileURL(file).href, remove }
  } catch (error) {
    await remove()
    throw error
  }
}

/** A launch page older than this was left by a login that was killed (its listener is gone): 1 hour. */
export const STALE_PAGE_MS = 3_600_000

/** Removes the `.login-*` folders of ours in `dir` older than {@link STALE_PAGE_MS}; never rejects. */
async function removeStalePages(dir: string, now: number): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[])
  const uid = process.getuid?.()
  for (const name of names.filter((n) => n.startsWith('.login-'))) {
    const folder = join(dir, name)
    const info = await stat(folder).catch(() => undefined)
    if (info?.isDirectory() && (uid === undefined || info.uid === uid) && now - info.mtimeMs > STALE_PAGE_MS) await rm(folder, { recursive: true, force: true }).catch(() => {})
  }
}

/** The page: meta refresh and `location.replace`, no referrer, and a link for browsers without either. */
export function launchHtml(authorizationUrl: string): string {
  const attr = escapeHtml(authorizationUrl)
  const script = JSON.stringify(authorizationUrl).replace(/</g, '\\u003c')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${attr}"><title>Login</title><script>location.replace(${script})</script></head><body><p><a href="${attr}">Continue to the login page</a></p></body></html>\n`
}
