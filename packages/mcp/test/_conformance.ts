// Runs the official MCP conformance suite (0.1.16) in client mode on Node 20: its dist imports
// `globSync` from `fs` (Node 22), used only by its tier-check command, so a copy beside it
// without that import is what runs (same folder: its own imports still resolve).
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/** The path of the runnable copy of the suite's CLI. */
export function conformanceCli(): string {
  const pkg = require.resolve('@modelcontextprotocol/conformance/package.json')
  const original = join(dirname(pkg), 'dist', 'index.js')
  const copy = join(dirname(pkg), 'dist', 'index.node20.js')
  if (!existsSync(copy)) {
    const text = readFileSync(original, 'utf8')
    const patched = text.replace('globSync as o,', '')
    if (patched === text) throw new Error('the conformance suite no longer imports globSync as expected')
    writeFileSync(copy, `${patched}\nfunction o(){throw new Error('globSync needs Node 22')}\n`)
  }
  return copy
}

/** What one scenario run gave. */
export interface ScenarioRun {
  readonly exitCode: number
  readonly output: string
}

/** `conformance client --command CMD --scenario NAME`; resolves when the runner exits. */
export function runScenario(scenario: string, command: string, timeoutMs = 60_000): Promise<ScenarioRun> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env }
    delete env['NODE_EXTRA_CA_CERTS']
    const child = spawn(process.execPath, [conformanceCli(), 'client', '--command', command, '--scenario', scenario], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ exitCode: code ?? -1, output })
    })
  })
}
