import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { STALE_PAGE_MS, launchHtml, writeLaunchPage } from './_launch-page.js'

const AUTH = 'https://auth.example.com/authorize?state=s"<x>&code_challenge=c'

describe('writeLaunchPage', () => {
  it('writes the page 0600 in a fresh 0700 folder (dir made 0700), and removes both', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pkce-page-'))
    try {
      const dir = join(root, 'app')
      const page = await writeLaunchPage(dir, AUTH)
      const file = fileURLToPath(page.url)
      expect(page.url).not.toContain('state')
      expect((await stat(dir)).mode & 0o777).toBe(0o700)
      expect((await stat(dirname(file))).mode & 0o777).toBe(0o700)
      expect((await stat(file)).mode & 0o777).toBe(0o600)
      expect(await readFile(file, 'utf8')).toBe(launchHtml(AUTH))
      await page.remove()
      expect(await readdir(dir)).toEqual([])
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })

  it('removes the pages a killed login left (older than an hour), and nothing else', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pkce-page-'))
    try {
      const now = Date.now()
      for (const name of ['.login-old', '.login-recent', 'keep-me']) {
        await mkdir(join(root, name), { mode: 0o700 })
        await writeFile(join(root, name, 'login.html'), 'x', { mode: 0o600 })
      }
      const old = (now - STALE_PAGE_MS - 60_000) / 1000
      await utimes(join(root, '.login-old'), old, old)
      await utimes(join(root, 'keep-me'), old, old)
      const page = await writeLaunchPage(root, AUTH, now)
      const fresh = dirname(fileURLToPath(page.url)).slice(root.length + 1)
      expect((await readdir(root)).sort()).toEqual([fresh, '.login-recent', 'keep-me'].sort())
      await page.remove()
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })

  it('refuses a dir that group or others may write (unless sticky)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pkce-page-'))
    try {
      await chmod(root, 0o775)
      await expect(writeLaunchPage(root, AUTH)).rejects.toMatchObject({ code: 'EUNSAFE' })
      await chmod(root, 0o1777)
      const page = await writeLaunchPage(root, AUTH)
      await page.remove()
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})

describe('launchHtml', () => {
  it('sends the browser on with meta refresh and location.replace, the URL escaped in both', () => {
    const html = launchHtml(AUTH)
    expect(html).toContain('<meta http-equiv="refresh" content="0;url=https://auth.example.com/authorize?state=s&#34;&#60;x&#62;&#38;code_challenge=c">')
    expect(html).toContain('location.replace("https://auth.example.com/authorize?state=s\\"\\u003cx>&code_challenge=c")')
    expect(html).toContain('<meta name="referrer" content="no-referrer">')
  })
})
