// Which path a run of the built `authcli` took, observed rather than assumed: a script preloaded
// with NODE_OPTIONS=--require records, at the process's exit, whether the CLI's own module
// (cli-main.cjs) was loaded (`full`) or not (`hot`: the token index answered), and with `waits`
// whether it slept in the hot path's wait for another process's renewal (`+wait`:
// waitForTokenIndex uses Atomics.wait). Used by hot-token and refresh-race-hot.
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface PathProbe {
  /** The script to preload: `NODE_OPTIONS: \`--require ${probe.file}\``. */
  file: string
  /** The path of each run so far, in the order the runs ended. */
  paths(): Promise<string[]>
  /** Forgets the runs so far. */
  reset(): Promise<void>
}

/** Writes the probe into `dir` (a test's temp folder). */
export async function writePathProbe(dir: string, options: { waits?: boolean } = {}): Promise<PathProbe> {
  const file = join(dir, 'probe.cjs')
  const loaded = join(dir, 'loaded')
  const full = `Object.keys(require.cache).some((p) => p.endsWith('cli-main.cjs')) ? 'full' : 'hot'`
  await writeFile(
    file,
    options.waits
      ? [
          'const sleep = Atomics.wait',
          'let waited = false',
          'Atomics.wait = (...args) => ((waited = true), sleep(...args))',
          `process.on('exit', () => require('node:fs').appendFileSync(${JSON.stringify(loaded)}, (${full}) + (waited ? '+wait' : '') + '\\n'))`,
          '',
        ].join('\n')
      : `process.on('exit', () => require('node:fs').appendFileSync(${JSON.stringify(loaded)}, (${full}) + '\\n'))\n`,
  )
  return {
    file,
    paths: async () => (await readFile(loaded, 'utf8').catch(() => '')).split('\n').filter(Boolean),
    reset: () => rm(loaded, { force: true }),
  }
}
