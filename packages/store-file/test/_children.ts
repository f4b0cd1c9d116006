/** Helpers for the multi-process tests: bundle a child script from src, spawn it, talk to it. */
import { spawn, type ChildProcess } from 'node:child_process'
import { basename, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/**
 * Bundles a fixture (and the package's src it imports) into one ESM file in `outDir`, so
 * children run today's source without touching dist/ (which turbo may be using in parallel).
 */
export async function bundleFixture(name: string, outDir: string): Promise<string> {
  const outfile = join(outDir, basename(name).replace(/\.ts$/, '.mjs'))
  await build({
    entryPoints: [fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))],
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

/** Spawns `node script ...args` without the slow NODE_EXTRA_CA_CERTS start-up. */
export function spawnChild(script: string, args: string[]): Child {
  const env = { ...process.env }
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
