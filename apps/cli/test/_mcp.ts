// Helpers of the MCP end-to-end tests (the sandboxes with a recording BROWSER are in
// _browser-box.ts): a real headless Chromium that signs in on the dev server's pages, and the official SDK's Client driving
// `authcli mcp proxy` over stdio.
import { existsSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import type { Browser, Page } from 'playwright-core'
import type { Box } from './_browser-box.js'
import { BIN } from './_run.js'

/**
 * The user in Chromium: opens `url` (a launch page or the authorization URL), signs in (any
 * password), consents when asked. Returns the callback URL the browser was sent to (with the
 * code), and the page's final text. `waitForDone: false` for a paste-back login (no listener).
 */
export async function signIn(browser: Browser, url: string, options: { login?: string; waitForDone?: boolean } = {}): Promise<{ callback: string; text: string }> {
  const context = await browser.newContext()
  const page: Page = await context.newPage()
  let callback = ''
  page.on('request', (request) => {
    const seen = new URL(request.url())
    if (seen.hostname === '127.0.0.1' && seen.pathname === '/callback') callback = request.url()
  })
  try {
    if (url.startsWith('file:')) {
      await page.goto(url, { waitUntil: 'commit' }).catch(() => {})
      await page.waitForURL((u) => u.protocol === 'http:', { timeout: 10_000 })
      await page.waitForLoadState()
    } else await page.goto(url).catch(() => {})
    for (let step = 0; step < 4; step++) {
      if (await page.locator('input[name="login"]').count()) {
        await page.fill('input[name="login"]', options.login ?? 'alice')
        await page.fill('input[name="password"]', 'dev-password')
        await Promise.all([page.waitForNavigation().catch(() => {}), page.click('button[type="submit"]')])
      } else if (await page.locator('input[name="prompt"][value="consent"]').count()) {
        await Promise.all([page.waitForNavigation().catch(() => {}), page.click('button[type="submit"]')])
      } else break
    }
    if (options.waitForDone !== false) await page.waitForSelector('text=Logged in', { timeout: 10_000 })
    else await waitUntil(() => callback !== '', 10_000)
    return { callback, text: await page.innerText('body').catch(() => '') }
  } finally {
    await context.close()
  }
}

/**
 * The user approving a device code in Chromium: opens the verification page with the code filled
 * in, confirms it, signs in and consents, until the page says it is done.
 */
export async function approveDeviceInBrowser(browser: Browser, url: string, login = 'dana'): Promise<string> {
  const context = await browser.newContext()
  const page = await context.newPage()
  try {
    await page.goto(url)
    for (let step = 0; step < 6; step++) {
      const text = await page.innerText('body').catch(() => '')
      if (/success|complete|signed in|you can close|return to/i.test(text) && !(await page.locator('button[type="submit"]').count())) return text
      if (await page.locator('input[name="login"]').count()) {
        await page.fill('input[name="login"]', login)
        await page.fill('input[name="password"]', 'dev-password')
      }
      if (!(await page.locator('button[type="submit"]').count())) return text
      await Promise.all([page.waitForNavigation().catch(() => {}), page.locator('button[type="submit"]').first().click()])
    }
    return await page.innerText('body').catch(() => '')
  } finally {
    await context.close()
  }
}

/** Every file under `dir` whose content contains `needle`, relative to `dir`. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  if (!existsSync(dir)) return []
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const found: string[] = []
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    if ((await readFile(path)).includes(needle)) found.push(path.slice(dir.length + 1))
  }
  return found
}

/** Every file under `dir`, relative to it. */
export async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return []
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
}

export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** An MCP client of the official SDK talking to `authcli mcp proxy URL` over stdio. */
export interface ProxyClient {
  client: Client
  stderr: () => string
  close(): Promise<void>
}

/** Starts `authcli mcp proxy URL` as the SDK's `StdioClientTransport` does, and connects (initialize). */
export async function proxyClient(box: Pick<Box, 'env'>, url: string, args: string[] = [], onStderr?: (text: string) => void): Promise<ProxyClient> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', 'proxy', url, ...args], env: box.env, stderr: 'pipe' })
  let stderr = ''
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
    onStderr?.(stderr)
  })
  const client = new Client({ name: 'authcli-e2e', version: '1.0.0' })
  try {
    await client.connect(transport, { timeout: 60_000 })
  } catch (error) {
    await client.close().catch(() => {})
    throw new Error(`connect failed: ${String(error)}\nproxy stderr: ${stderr}`)
  }
  return { client, stderr: () => stderr, close: () => client.close() }
}

/** The `whoami` tool's answer (the token's subject, client and scopes) through a connected client. */
export async function whoami(client: Client): Promise<{ sub: string; clientId: string; scopes: string[] }> {
  const result = await client.callTool({ name: 'whoami', arguments: {} }, undefined, { timeout: 60_000 })
  const content = result.content as { type: string; text: string }[]
  return JSON.parse(content[0]?.text ?? '{}')
}
