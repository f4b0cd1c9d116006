// Helpers of the end-to-end tests: run the BUILT binary with a temp HOME and config folder.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'

export const BIN = join(import.meta.dirname, '..', 'dist', 'authcli.cjs')

/** What one run of the binary gave. */
export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
  /** Wall time, ms. */
  ms: number
}

/** The environment of a run: PATH, HOME and the config folder only (no D-Bus, no display), plus `extra`. */
export function baseEnv(home: string, configDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, AUTHCLI_CONFIG_DIR: configDir, ...extra }
}

/**
 * Runs `authcli ARGS` to completion, with `input` on stdin (stdin is an empty pipe without it).
 * Asynchronous on purpose: the dev server runs in this process, and `spawnSync` would block it.
 */
export async function run(env: Record<string, string>, args: string[], input?: string): Promise<RunResult> {
  const running = runAsync(env, args, input ?? '')
  return running.done
}

/** A running `authcli`: its stdout lines as they come, and the end. */
export interface Running {
  /** Resolves the next complete stdout line. */
  nextLine(): Promise<string>
  /** Sends a signal (`SIGINT`: Ctrl-C). */
  kill(signal: NodeJS.Signals): void
  done: Promise<RunResult>
}

/** Starts `authcli ARGS` without waiting, for flows that need the test to act mid-way (approve a device code). */
export function runAsync(env: Record<string, string>, args: string[], input?: string): Running {
  const started = performance.now()
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] })
  // A child may exit before reading its stdin (an early error): EPIPE is not the test's failure.
  child.stdin?.on('error', () => {})
  if (input !== undefined) child.stdin?.end(input)
  let stdout = ''
  let stderr = ''
  let consumed = 0
  const waiters: Array<() => void> = []
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    for (const wake of waiters.splice(0)) wake()
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk))
  const timer = setTimeout(() => child.kill(), 20_000)
  const done = new Promise<RunResult>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer)
      for (const wake of waiters.splice(0)) wake()
      resolve({ code, stdout, stderr, ms: performance.now() - started })
    })
  })
  let closed = false
  void done.then(() => (closed = true))
  async function nextLine(): Promise<string> {
    for (;;) {
      const end = stdout.indexOf('\n', consumed)
      if (end !== -1) {
        const line = stdout.slice(consumed, end)
        consumed = end + 1
        return line
      }
      if (closed) throw new Error(`authcli ended before printing a line; stderr: ${stderr}`)
      await new Promise<void>((resolve) => waiters.push(resolve))
    }
  }
  return { nextLine, done, kill: (signal) => void child.kill(signal) }
}

/** A fresh temp folder `authcli-e2e-NAME-…` holding `home` (created) and `config` (left for authcli to make). */
export async function tempHome(name: string): Promise<{ dir: string; home: string; configDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), `authcli-e2e-${name}-`))
  const home = join(dir, 'home')
  await mkdir(home)
  return { dir, home, configDir: join(dir, 'config') }
}

/** Whether `port` on 127.0.0.1 can be listened on now. */
export function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(true)))
  })
}

/** The first of `n` consecutive free ports on 127.0.0.1. */
export async function freeRange(n: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 30_000)
    if ((await Promise.all(Array.from({ length: n }, (_, i) => isFree(first + i)))).every(Boolean)) return first
  }
  throw new Error('no free port range')
}

/** Asserts the run exited 0 (the message shows its output) and returns it. */
export function ok(result: RunResult): RunResult {
  expect(result.code, `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(0)
  return result
}

/** Fails the suite at once, with the command to run, when the binary was not built. */
export function requireBuilt(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build -w @auth/cli' (npm test does it)`)
}
