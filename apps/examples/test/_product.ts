// What the product tests share: bundle an example with esbuild (as a product bundles its CLI) and
// run it as a real process with a pipe for stdin (never a terminal), its lines read as they come.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { build, type BuildOptions } from 'esbuild'

/** The bundle of `apps/examples/<name>/cli.ts`, written to `outDir/<name>.mjs`. */
export async function bundle(name: string, outDir: string, options: Pick<BuildOptions, 'define'> = {}): Promise<string> {
  const outfile = join(outDir, `${name}.mjs`)
  await build({
    entryPoints: [join(import.meta.dirname, '..', name, 'cli.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['@napi-rs/keyring'],
    logLevel: 'silent',
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
  return { line, write: (text) => child.stdin.write(text), done }
}

/** Runs to the end. */
export const run = (bundlePath: string, args: string[], env: Record<string, string>, input: string | null = ''): Promise<Ran> => start(bundlePath, args, env, input).done
