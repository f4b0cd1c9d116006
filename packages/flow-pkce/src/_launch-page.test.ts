import { chmod, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { launchHtml, writeLaunchPage } from './_launch-page.js'

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
