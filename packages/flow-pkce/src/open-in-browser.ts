import { spawn } from 'node:child_process'
import type { OpenInBrowserOptions } from './types.js'

/** How long an opener may take to fail before it counts as having opened the page. */
const SETTLE_MS = 1500

/**
 * Opens `url` in the user's browser: each command of `$BROWSER` (colon-separated; `%s` stands for
 * the URL, else the URL is the last argument), then the OS opener (`open` on macOS; `rundll32
 * url.dll,FileProtocolHandler` on Windows; `xdg-open`, `sensible-browser`, `x-www-browser`
 * elsewhere). Every command is spawned without a shell, with the URL as its one argument of
 * ours, detached. Resolves whether one of them started (and did not fail at once); never rejects.
 *
 * The URL must carry nothing another local user could use: argv is readable by every one of them
 * (`/proc/PID/cmdline`). The browser flow therefore hands over the `file://` URL of a private page
 * (an `.html` file, the only `file:` URLs accepted here), never the authorization URL, whose state
 * and challenge would let another user end the login or finish it with their own account.
 *
 * @example
 * ```ts
 * if (!(await openInBrowser('https://auth.example.com/authorize?...'))) console.error('open the URL by hand')
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8252#section-7.3
 */
export async function openInBrowser(url: string, options: OpenInBrowserOptions = {}): Promise<boolean> {
  if (typeof url !== 'string' || !(/^https?:\/\/[\x21-\x7e]+$/.test(url) || /^file:\/\/\/[\x21-\x7e]+\.html$/.test(url))) return false
  for (const argv of openerCommands(url, options)) {
    if (await tryOpen(argv)) return true
  }
  return false
}

/** The commands {@link openInBrowser} tries, in order. */
export function openerCommands(url: string, options: OpenInBrowserOptions = {}): string[][] {
  const env = options.env ?? process.env
  const platform = options.platform ?? process.platform
  const fromEnv = (env.BROWSER ?? '')
    .split(platform === 'win32' ? ';' : ':')
    .map((entry) =>
      entry
        .trim()
        .split(/\s+/)
        .filter((a) => a !== ''),
    )
    .filter((argv) => argv.length > 0)
  const withUrl = fromEnv.map((argv) => (argv.some((a) => a.includes('%s')) ? argv.map((a) => a.replaceAll('%s', url)) : [...argv, url]))
  if (platform === 'darwin') return [...withUrl, ['open', url]]
  if (platform === 'win32') return [...withUrl, ['rundll32', 'url.dll,FileProtocolHandler', url]]
  return [...withUrl, ['xdg-open', url], ['sensible-browser', url], ['x-www-browser', url]]
}

function tryOpen(argv: string[]): Promise<boolean> {
  const [command, ...args] = argv
  if (command === undefined) return Promise.resolve(false)
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined
    const done = (ok: boolean) => {
      clearTimeout(timer)
      resolve(ok)
    }
    try {
      const child = spawn(command, args, { shell: false, stdio: 'ignore', detached: true, windowsHide: true })
      child.once('error', () => done(false))
      child.once('exit', (code) => done(code === 0))
      child.once('spawn', () => {
        child.unref()
        timer = setTimeout(() => done(true), SETTLE_MS)
        timer.unref()
      })
    } catch {
      done(false)
    }
  })
}
