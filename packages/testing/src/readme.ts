// The README runner every package's `test/readme.test.ts` uses: the README's example is
// `test/readme-example.ts`, typechecked with the package, shown verbatim, and run.
import { readFile } from 'node:fs/promises'
import { Readable } from 'node:stream'

/** The package README's first ```ts block, and `test/readme-example.ts` as the README must show it. */
export interface ReadmeExample {
  /** The whole README. */
  readme: string
  /** The first ```ts block of the README, `undefined` when there is none. */
  block: string | undefined
  /** `test/readme-example.ts` with its `'../src/index.js'` import renamed to the package. */
  example: string
}

/**
 * Reads `../README.md` and `./readme-example.ts` next to the calling test file, with the
 * example's import of `../src/index.js` written as the package name a product imports.
 *
 * @example
 * const { block, example } = await readmeExample(import.meta.url, '@auth/flow-pat')
 * expect(block).toBe(example)
 */
export async function readmeExample(testFileUrl: string, pkg: string): Promise<ReadmeExample> {
  const readme = await readFile(new URL('../README.md', testFileUrl), 'utf8')
  const source = await readFile(new URL('./readme-example.ts', testFileUrl), 'utf8')
  return { readme, block: /```ts\n([\s\S]*?)```/.exec(readme)?.[1], example: source.replace("'../src/index.js'", `'${pkg}'`) }
}

/** Options of {@link runExample}. */
export interface RunExampleOptions {
  /** Environment variables set while the example runs, restored after. */
  env?: Record<string, string>
  /** What the example reads on `process.stdin` (a piped stdin). */
  stdin?: string
  /** Called with each `console.error` line as it is written (to approve a code, open a URL). */
  onError?: (line: string) => void
}

/** What the example wrote, and the exit code it set. */
export interface ExampleRun {
  /** Each `console.log` call's arguments, the first one only when there is one. */
  log: unknown[]
  /** Each `console.error` line. */
  error: string[]
  /** `process.exitCode` as the example left it (0 when unset). */
  exitCode: number
}

/**
 * Runs an example program (`() => import('./readme-example.js')`) with `console.log` and
 * `console.error` captured, `env` and `stdin` in place; everything (the exit code included) is
 * restored after, even when it throws.
 *
 * @example
 * const run = await runExample(() => import('./readme-example.js'), { env: { MYCLI_ISSUER: server.issuer } })
 * expect(run.log).toContain('Logged in as alice')
 */
export async function runExample(load: () => Promise<unknown>, options: RunExampleOptions = {}): Promise<ExampleRun> {
  const run: ExampleRun = { log: [], error: [], exitCode: 0 }
  const saved = { log: console.log, error: console.error, exitCode: process.exitCode, stdin: Object.getOwnPropertyDescriptor(process, 'stdin') }
  const env = Object.entries(options.env ?? {}).map(([name, value]) => [name, process.env[name], value] as const)
  console.log = (...args: unknown[]) => run.log.push(args.length === 1 ? args[0] : args)
  console.error = (...args: unknown[]) => {
    const line = args.map(String).join(' ')
    run.error.push(line)
    options.onError?.(line)
  }
  for (const [name, , value] of env) process.env[name] = value
  if (options.stdin !== undefined) Object.defineProperty(process, 'stdin', { value: Readable.from([options.stdin]), configurable: true })
  try {
    await load()
    run.exitCode = Number(process.exitCode ?? 0)
    return run
  } finally {
    console.log = saved.log
    console.error = saved.error
    process.exitCode = saved.exitCode
    if (saved.stdin !== undefined) Object.defineProperty(process, 'stdin', saved.stdin)
    for (const [name, before] of env) {
      if (before === undefined) delete process.env[name]
      else process.env[name] = before
    }
  }
}
