// What the product tests share: bundle an example with esbuild (as a product bundles its CLI) and
// run it as a real process with a pipe for stdin (never a terminal), its lines read as they come.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { build, type BuildOptions } from 'esbuild'

/** The bundle of `apps/examples/<name>/cli.ts`, written to `outDir/<name>.mjs`. */
export function bundle(name: string, outDir: string, options: Pick<BuildOptions, 'define'> = {}): Promise<string> {
  return bundleEntry(join(import.meta.dirname, '..', name, 'cli.ts'), join(outDir, `${name}.mjs`), options)
}

/**
 * Bundles `entry` to `outfile` as a product bundles its CLI (esbuild, ESM for Node 20, minified
 * unless `minify: false`; the keychain addon left external).
 */
export async function bundleEntry(entry: string, outfile: string, options: Pick<BuildOptions, 'define' | 'minify'> = {}): Promise<string> {
  await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['@napi-rs/keyring'],
    logLevel: 'silent',
    // A CommonJS dependency (yaml) calls require(): an ES module bundle gives it one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    ...options,
  })
  return outfile
}

export interface Ran {
  code: number | null
  stdout: string
  stderr: string
}

export interface Running {
  /** The next line of stderr (where a CLI talks to the user). */
  line(match?: RegExp): Promise<string>
  /** Writes to its stdin. */
  write(text: string): void
  /** Closes its stdin (end of input). */
  end(): void
  done: Promise<Ran>
}

/** Starts `node bundle args` with only `env` (plus PATH); stdin gets `input` and is closed, or stays open when `input` is `null`. */
export function start(bundlePath: string, args: string[], env: Record<string, string>, input: string | null = ''): Running {
  const child = spawn(process.execPath, [bundlePath, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] })
  if (input !== null) child.stdin.end(input)
  child.on('exit', () => child.stdin.destroy())
  let stdout = ''
  let stderr = ''
  let seen = 0
  const waiters: (() => void)[] = []
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
    for (const wake of waiters.splice(0)) wake()
  })
  const done = new Promise<Ran>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
  async function line(match = /./): Promise<string> {
    for (;;) {
      const lines = stderr.split('\n').slice(0, -1)
      while (seen < lines.length) {
        const next = lines[seen++] as string
        if (match.test(next)) return next
      }
      const ended = await Promise.race([done.then(() => true), new Promise<false>((resolve) => waiters.push(() => resolve(false)))])
      if (ended && seen >= stderr.split('\n').length - 1) throw new Error(`the process ended without a line matching ${match}:\n${stderr}`)
    }
  }
  return { line, write: (text) => child.stdin.write(text), end: () => child.stdin.end(), done }
}

/** Runs to the end. */
export const run = (bundlePath: string, args: string[], env: Record<string, string>, input: string | null = ''): Promise<Ran> => start(bundlePath, args, env, input).done

/**
 * Plays the user's browser for a CLI started with `BROWSER=<home>/browser.sh`: waits for the
 * private launch page the CLI hands its opener, signs in at the dev server as `login`, and follows
 * the redirect to the CLI's loopback listener. Resolves the authorization URL and the redirect.
 */
export async function playBrowser(home: string, server: { authorize(url: string, options?: { login?: string }): Promise<string> }, login = 'tess'): Promise<{ url: URL; redirect: URL }> {
  const { existsSync } = await import('node:fs')
  const { readFile } = await import('node:fs/promises')
  const { fileURLToPath } = await import('node:url')
  const record = join(home, 'browser-argv')
  for (let i = 0; i < 1000 && !existsSync(record); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  const page = await readFile(fileURLToPath((await readFile(record, 'utf8')).trim()), 'utf8')
  const url = new URL((/content="0;url=([^"]+)"/.exec(page)?.[1] ?? '').replaceAll('&#38;', '&'))
  const redirect = new URL(await server.authorize(url.href, { login }))
  await fetch(redirect)
  return { url, redirect }
}

/** Writes `<home>/browser.sh`, a BROWSER that records its arguments for {@link playBrowser}; returns its path. */
export async function recordingBrowser(home: string): Promise<string> {
  const { writeFile } = await import('node:fs/promises')
  const path = join(home, 'browser.sh')
  await writeFile(path, `#!/bin/sh\nprintf '%s\\n' "$@" > '${join(home, 'browser-argv')}'\n`, { mode: 0o755 })
  return path
}
