// A sandbox for a login that opens a browser: a fresh HOME and config folder, and a BROWSER
// script that records the URL each call hands over (the MCP and browser end-to-end tests).
import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { baseEnv, run, type RunResult } from './_run.js'

/** A fresh HOME and config folder, and a BROWSER that appends each argument it gets to `urls` (one line per call). */
export interface Box {
  root: string
  home: string
  configDir: string
  urls: string
  env: Record<string, string>
  authcli(args: string[], input?: string): Promise<RunResult>
  /** The lines BROWSER was called with so far. */
  opened(): Promise<string[]>
}

export async function makeBox(root: string, extra: Record<string, string> = {}): Promise<Box> {
  const home = join(root, 'home')
  const configDir = join(root, 'config')
  await mkdir(home, { recursive: true })
  const urls = join(root, 'urls')
  const script = join(root, 'browser.sh')
  await writeFile(script, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${urls}'\n`)
  await chmod(script, 0o755)
  const env = baseEnv(home, configDir, { AUTHCLI_STORE: 'file', BROWSER: script, ...extra })
  return {
    root,
    home,
    configDir,
    urls,
    env,
    authcli: (args, input) => run(env, args, input),
    opened: async () => (existsSync(urls) ? (await readFile(urls, 'utf8')).split('\n').filter(Boolean) : []),
  }
}

/** Waits for the `n`th BROWSER call; returns what it got. */
export async function handedOver(box: Box, n = 1, timeoutMs = 15_000): Promise<string> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    const lines = await box.opened()
    if (lines.length >= n) return lines[n - 1] as string
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`BROWSER was not called ${n} time(s)`)
}

/** The authorization URL behind the private launch page (`file://`) the opener got. */
export async function authorizationUrlOf(handed: string): Promise<string> {
  if (!handed.startsWith('file:')) return handed
  const html = await readFile(fileURLToPath(handed), 'utf8')
  const target = /http-equiv="refresh" content="0;url=([^"]+)"/.exec(html)?.[1] ?? ''
  return target.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&')
}
