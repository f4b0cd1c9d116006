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
  return (await tryOpenInBrowser(url, options)).opened
}

/** What {@link tryOpenInBrowser} found: whether a browser opened, and why each opener failed. */
export interface OpenAttempt {
  opened: boolean
  /** One line per opener that failed, e.g. `BROWSER=/opt/firefox: not found`, `xdg-open: exit code 3`; no URL in them. */
  failures: string[]
}

/**
 * {@link openInBrowser}, telling why it failed: each opener tried (`$BROWSER`'s commands, then the
 * OS openers) with what went wrong, so that "could not open a browser" can say what failed.
 * @example `(await tryOpenInBrowser(url, { env: { BROWSER: '/nonexistent/firefox' } })).failures[0]` is `'BROWSER=/nonexistent/firefox: not found'`
 */
export async function tryOpenInBrowser(url: string, options: OpenInBrowserOptions = {}): Promise<OpenAttempt> {
  if (typeof url !== 'string' || !(/^https?:\/\/[\x21-\x7e]+$/.test(url) || /^file:\/\/\/[\x21-\x7e]+\.html$/.test(url)))
    return { opened: false, failures: ['not an http(s) URL or a local .html page'] }
  const fromBrowser = browserCommandCount(options)
  const failures: string[] = []
  for (const [index, argv] of openerCommands(url, options).entries()) {
    const failure = await tryOpen(argv)
    if (failure === undefined) return { opened: true, failures }
    const name = index < fromBrowser ? `BROWSER=${argv[0] ?? ''}` : (argv[0] ?? '')
    failures.push(`${name}: ${failure}`)
  }
  return { opened: false, failures }
}

/** The commands {@link openInBrowser} tries, in order. */
export function openerCommands(url: string, options: OpenInBrowserOptions = {}): string[][] {
  const platform = options.platform ?? process.platform
  const fromEnv = browserCommands(options)
  const withUrl = fromEnv.map((argv) => (argv.some((a) => a.includes('%s')) ? argv.map((a) => a.replaceAll('%s', url)) : [...argv, url]))
  if (platform === 'darwin') return [...withUrl, ['open', url]]
  if (platform === 'win32') return [...withUrl, ['rundll32', 'url.dll,FileProtocolHandler', url]]
  return [...withUrl, ['xdg-open', url], ['sensible-browser', url], ['x-www-browser', url]]
}

function browserCommandCount(options: OpenInBrowserOptions): number {
  return browserCommands(options).length
}

function browserCommands(options: OpenInBrowserOptions): string[][] {
  const env = options.env ?? process.env
  const platform = options.platform ?? process.platform
  return (env.BROWSER ?? '')
    .split(platform === 'win32' ? ';' : ':')
    .map((entry) =>
      entry
        .trim()
        .split(/\s+/)
        .filter((a) => a !== ''),
    )
    .filter((argv) => argv.length > 0)
}

/** Starts one opener: `undefined` when it started (and did not fail at once), else why not. */
function tryOpen(argv: string[]): Promise<string | undefined> {
  const [command, ...args] = argv
  if (command === undefined) return Promise.resolve('empty command')
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined
    const done = (failure: string | undefined) => {
      clearTimeout(timer)
      resolve(failure)
    }
    try {
      const child = spawn(command, args, { shell: false, stdio: 'ignore', detached: true, windowsHide: true })
      child.once('error', (error: NodeJS.ErrnoException) => done(spawnFailure(error)))
      child.once('exit', (code, signal) => done(code === 0 ? undefined : signal !== null ? `killed by ${signal}` : `exit code ${code}`))
      child.once('spawn', () => {
        child.unref()
        timer = setTimeout(() => done(undefined), SETTLE_MS)
        timer.unref()
      })
    } catch (error) {
      done(spawnFailure(error as NodeJS.ErrnoException))
    }
  })
}

function spawnFailure(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return 'not found'
  if (error.code === 'EACCES') return 'not executable (permission denied)'
  return typeof error.code === 'string' ? `cannot start (${error.code})` : 'cannot start'
}
