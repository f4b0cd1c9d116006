/** Helpers for the multi-process tests: bundle a child script from a package's src, spawn it, talk to it. */
import { spawn, type ChildProcess } from 'node:child_process'
import { basename, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/**
 * Bundles a fixture script (and the package's src it imports) into one ESM file in `outDir`, so
 * children run today's source without touching dist/ (which turbo may be using in parallel).
 *
 * @example
 * const script = await bundleFixture(new URL('./fixtures/saver.ts', import.meta.url), await dirs.make())
 */
export async function bundleFixture(fixture: URL, outDir: string): Promise<string> {
  const path = fileURLToPath(fixture)
  const outfile = join(outDir, basename(path).replace(/\.ts$/, '.mjs'))
  await build({
    entryPoints: [path],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  })
  return outfile
}

export interface Child {
  process: ChildProcess
  /** Resolves the first stdout line starting with `prefix`. */
  line(prefix: string): Promise<string>
  /** Resolves the exit code, or the signal name. */
  exited: Promise<number | string>
}

/** Spawns `node script ...args` with `extraEnv`, without the slow NODE_EXTRA_CA_CERTS start-up. */
export function spawnChild(script: string, args: string[], extraEnv: Record<string, string> = {}): Child {
  const env = { ...process.env, ...extraEnv }
  delete env['NODE_EXTRA_CA_CERTS']
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  const lines: string[] = []
  const waiters: Array<{ prefix: string; resolve: (l: string) => void }> = []
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  createInterface({ input: child.stdout! }).on('line', (l) => {
    lines.push(l)
    for (const w of waiters.filter((w) => l.startsWith(w.prefix))) w.resolve(l)
  })
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) process.stderr.write(`child ${child.pid} exited ${code}: ${stderr}\n`)
      resolve(code ?? signal ?? 'unknown')
    })
  })
  const line = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const found = lines.find((l) => l.startsWith(prefix))
      if (found !== undefined) return resolve(found)
      waiters.push({ prefix, resolve })
      void exited.then((how) => reject(new Error(`child exited (${how}) before "${prefix}": ${stderr}`)))
    })
  return { process: child, line, exited }
}
