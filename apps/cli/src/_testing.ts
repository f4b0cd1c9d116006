// Helpers for the unit tests: in-memory streams, temp folders, a runtime and a context.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Invocation } from './command.js'
import { createContext, type CliContext, type Env, type InputStream, type Runtime } from './context.js'
import type { GlobalOptions } from './global-options.js'
import { runCli } from './run-cli.js'

/** A stream that keeps what was written. */
export interface MemoryStream {
  write(chunk: string): boolean
  readonly isTTY: boolean
  readonly text: string
}

export function memoryStream(isTTY = false): MemoryStream {
  let text = ''
  return {
    write(chunk: string) {
      text += chunk
      return true
    },
    isTTY,
    get text() {
      return text
    },
  }
}

/** A runtime over memory streams, with `AUTHCLI_CONFIG_DIR` and `HOME` in a temp folder. */
export interface TestRuntime extends Runtime {
  readonly stdout: MemoryStream
  readonly stderr: MemoryStream
  readonly dir: string
  cleanup(): Promise<void>
}

export async function testRuntime(options: { env?: Env; tty?: boolean; signal?: AbortSignal; stdin?: string } = {}): Promise<TestRuntime> {
  const dir = await mkdtemp(join(tmpdir(), 'authcli-test-'))
  return {
    env: { AUTHCLI_CONFIG_DIR: join(dir, 'config'), ...options.env },
    stdout: memoryStream(options.tty),
    stderr: memoryStream(options.tty),
    ...(options.stdin !== undefined && { stdin: textStream(options.stdin, options.tty) }),
    homeDir: join(dir, 'home'),
    signal: options.signal ?? new AbortController().signal,
    dir,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  }
}

/** An input stream that yields `text` once (stdin in tests). */
export function textStream(text: string, isTTY = false): InputStream {
  return {
    isTTY,
    async *[Symbol.asyncIterator]() {
      if (text !== '') yield text
    },
  }
}

/** Global options with defaults. */
export function globalsOf(partial: Partial<GlobalOptions> = {}): GlobalOptions {
  return { json: false, debug: false, color: true, ...partial }
}

/** A real {@link CliContext} over a {@link testRuntime}. */
export async function testContext(runtime: TestRuntime, globals: Partial<GlobalOptions> = {}): Promise<CliContext> {
  return createContext(globalsOf(globals), runtime)
}

/** Runs `argv` on `runtime` with the commands intercepted: what would the command have been called with? */
export async function intercepted(argv: string[], runtime: TestRuntime): Promise<{ code: number; call: Invocation | undefined; stdout: string; stderr: string }> {
  const calls: Invocation[] = []
  const code = await runCli(argv, runtime, { intercept: (call) => void calls.push(call) })
  return { code, call: calls[0], stdout: runtime.stdout.text, stderr: runtime.stderr.text }
}
