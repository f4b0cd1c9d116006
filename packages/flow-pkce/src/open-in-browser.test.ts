import { mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { canOpenBrowser } from './can-open-browser.js'
import { openInBrowser, openerCommands, tryOpenInBrowser } from './open-in-browser.js'

const URL_ = 'https://auth.example.com/authorize?client_id=x&state=s'

/** Opens `url` with a $BROWSER script that records its argument count and first argument: `<argc>|<arg1>`. */
async function openWithScriptBrowser(url: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pkce-open-'))
  try {
    const script = join(dir, 'browser.sh')
    await writeFile(script, `#!/bin/sh\nprintf '%s|%s' "$#" "$1" > '${join(dir, 'out')}'\n`)
    await chmod(script, 0o755)
    expect(await openInBrowser(url, { env: { BROWSER: script }, platform: 'linux' })).toBe(true)
    return await readFile(join(dir, 'out'), 'utf8')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

describe('openerCommands', () => {
  it('$BROWSER first (colon-separated, %s for the URL), then the OS opener', () => {
    expect(openerCommands(URL_, { env: { BROWSER: 'firefox --new-tab:w3m %s' }, platform: 'linux' })).toEqual([
      ['firefox', '--new-tab', URL_],
      ['w3m', URL_],
      ['xdg-open', URL_],
      ['sensible-browser', URL_],
      ['x-www-browser', URL_],
    ])
    expect(openerCommands(URL_, { env: {}, platform: 'darwin' })).toEqual([['open', URL_]])
    expect(openerCommands(URL_, { env: {}, platform: 'win32' })).toEqual([['rundll32', 'url.dll,FileProtocolHandler', URL_]])
  })
})

describe('openInBrowser', () => {
  it('runs $BROWSER without a shell, the URL as one argument', async () => {
    const tricky = 'https://auth.example.com/a?b=1&c=$(id);d=`id`|x'
    expect(await openWithScriptBrowser(tricky)).toBe(`1|${tricky}`)
  })

  it('a failing or missing opener moves on; none left: false. Not an http(s) URL: false', async () => {
    expect(await openInBrowser(URL_, { env: { BROWSER: '/bin/false:/nonexistent/browser' }, platform: 'darwin' }).then((ok) => typeof ok)).toBe('boolean')
    expect(await openInBrowser('file:///etc/passwd', { env: { BROWSER: '/bin/true' } })).toBe(false)
    expect(await openInBrowser('file:///home/me/.app/.login-x/login.html?x', { env: { BROWSER: '/bin/true' } })).toBe(false)
    expect(await openInBrowser(URL_, { env: { BROWSER: '/bin/false:/nonexistent/x' }, platform: 'aix' })).toBe(false)
  })
})

describe('tryOpenInBrowser: why nothing opened', () => {
  it('names each opener that failed and how: not found, not executable, its exit code; the URL in none of them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pkce-open-'))
    try {
      const plain = join(dir, 'not-executable')
      await writeFile(plain, 'x')
      const attempt = await tryOpenInBrowser(URL_, { env: { BROWSER: `/nonexistent/firefox:${plain}:/bin/false` }, platform: 'aix' })
      expect(attempt.opened).toBe(false)
      expect(attempt.failures.slice(0, 3)).toEqual(['BROWSER=/nonexistent/firefox: not found', `BROWSER=${plain}: not executable (permission denied)`, 'BROWSER=/bin/false: exit code 1'])
      // Then the OS openers, by name (whatever this machine has of them).
      expect(attempt.failures.slice(3).map((f) => f.split(':')[0])).toEqual(['xdg-open', 'sensible-browser', 'x-www-browser'])
      expect(attempt.failures.join('\n')).not.toContain('example')
      expect(await tryOpenInBrowser(URL_, { env: { BROWSER: '/bin/true' }, platform: 'aix' })).toEqual({ opened: true, failures: [] })
      expect(await tryOpenInBrowser('javascript:alert(1)')).toEqual({ opened: false, failures: ['not an http(s) URL or a local .html page'] })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('openInBrowser: a launch page', () => {
  it('takes the file:// URL of an .html page (the browser flow hands over nothing else), as one argument', async () => {
    const page = 'file:///home/me/.app/.login-Ab12/login.html'
    expect(await openWithScriptBrowser(page)).toBe(`1|${page}`)
  })
})

describe('canOpenBrowser', () => {
  it('macOS, Windows, or a display; never over SSH', () => {
    expect(canOpenBrowser({ env: {}, platform: 'darwin' })).toBe(true)
    expect(canOpenBrowser({ env: {}, platform: 'win32' })).toBe(true)
    expect(canOpenBrowser({ env: { DISPLAY: ':0' }, platform: 'linux' })).toBe(true)
    expect(canOpenBrowser({ env: { WAYLAND_DISPLAY: 'w-0' }, platform: 'linux' })).toBe(true)
    expect(canOpenBrowser({ env: {}, platform: 'linux' })).toBe(false)
    expect(canOpenBrowser({ env: { DISPLAY: ':0', SSH_CONNECTION: '1 2 3 4' }, platform: 'linux' })).toBe(false)
    expect(canOpenBrowser({ env: { SSH_TTY: '/dev/pts/0' }, platform: 'darwin' })).toBe(false)
  })
})
