import type * as Fs from 'node:fs'
import type * as NodeModule from 'node:module'
import type * as V8 from 'node:v8'
import type * as Vm from 'node:vm'
import { basename, dirname, join } from 'node:path'

// V8's code cache for the full CLI (Node 20 has no `module.enableCompileCache()`, which came in
// 22.1). Compiling `cli-main.cjs` and its chunks (~400 kB of minified JavaScript) is a large part
// of every run the token index cannot answer; with the bytecode V8 made in an earlier run, most of
// that compiling is skipped.
//
// The cache lives in `<config folder>/.cache/`, one file per chunk: a header line (this version,
// node's version, architecture and binary, the chunk's name and length), an exact copy of the
// chunk's source, then V8's data. A cache file is code. It is read only from a real folder (not a
// symlink) of the user's that group and others cannot write, opened without following a symlink,
// only when it is a regular file of the user's that group and others cannot write, and only when
// its header and source copy equal, byte for byte, what is being loaded. V8's data carries a
// checksum that V8 verifies (`--verify-snapshot-checksum`, on only while a chunk is compiled or a
// cache made): release builds of V8 do not check a code cache's payload, and a damaged one would
// crash node instead of being rejected. On any doubt, and when V8 rejects the data, the chunk is
// compiled as Node would, and its cache is written anew when the process ends.

declare const require: (id: string) => unknown

const MAGIC = 'authcli-code-cache 1'
const CACHE_FOLDER = '.cache'
const MAX_CACHE_BYTES = 32 * 1024 * 1024
/** A writer's temp file older than this was left by a killed process: it is removed. */
const STALE_TEMP_MS = 60_000

/** A chunk compiled without usable data: its cache is written when the process ends. */
interface Pending {
  script: Vm.Script
  file: string
  header: Buffer
  source: Buffer
  /** The inode of the cache file when it was looked for: another by the end means another process wrote it. */
  seen: number | undefined
}

/**
 * Makes the chunks of `distDir` (the `.cjs` files beside `authcli.cjs`) load through V8's code
 * cache kept in `<configDir>/.cache/`. Call it just before requiring `cli-main.cjs`. It does
 * nothing (Node compiles as usual) without a config folder, on Windows, or when the config folder
 * or its `.cache` could be changed by another user. Never throws.
 * @param configDir - The config folder (`tokenIndexDir`), `undefined` when there is none.
 * @param distDir - The folder of the bundled CLI (`__dirname` of `authcli.cjs`).
 * @param version - The CLI's version: a cache of another version is never used.
 * @example `installCodeCache(tokenIndexDir(process.env, homedir()), __dirname, VERSION)`
 */
export function installCodeCache(configDir: string | undefined, distDir: string, version: string): void {
  if (configDir === undefined || process.platform === 'win32' || typeof process.geteuid !== 'function') return
  try {
    install(configDir, distDir, version, process.geteuid())
  } catch {
    // The cache is an optimisation: without it the CLI runs as before.
  }
}

function install(configDir: string, distDir: string, version: string, uid: number): void {
  const fs = require('node:fs') as typeof Fs
  const folder = join(configDir, CACHE_FOLDER)
  const config = fs.statSync(configDir, { throwIfNoEntry: false })
  if (config === undefined || !config.isDirectory() || !trustedBy(config, uid)) return
  const cache = fs.lstatSync(folder, { throwIfNoEntry: false })
  if (cache !== undefined && !(cache.isDirectory() && trustedBy(cache, uid))) return
  // The node binary itself: a cache made by another build of the same version is not used.
  const node = fs.statSync(process.execPath)
  const runtime = [version, process.version, process.arch, process.execPath, node.size, node.mtimeMs, node.ino]

  const vm = require('node:vm') as typeof Vm
  const Module = require('node:module') as typeof NodeModule & { prototype: { _compile?: unknown } }
  const original = Module.prototype._compile
  if (typeof original !== 'function') return
  const pending: Pending[] = []

  function compile(content: string, filename: string): Vm.Script | undefined {
    // Every chunk is CommonJS without `import()` (esbuild lowers it to `require`); a script
    // compiled here would have no loader for one, so such a chunk is left to Node.
    if (content.includes('import(')) return undefined
    const name = basename(filename)
    const file = join(folder, `${name}.v8`)
    const source = Buffer.from(content, 'utf8')
    const header = Buffer.from(`${MAGIC}\n${JSON.stringify([...runtime, name, source.length])}\n`, 'utf8')
    const seen = cache === undefined ? undefined : fs.lstatSync(file, { throwIfNoEntry: false })?.ino
    const cachedData = seen === undefined ? undefined : readCache(fs, file, header, source, uid)
    // The wrapper is Node's own; `#!` is valid only at the very start of a script, so the
    // shebang line becomes a comment of the same length (line and column numbers are kept).
    const code = `(function (exports, require, module, __filename, __dirname) { ${content.startsWith('#!') ? `//${content.slice(2)}` : content}\n});`
    const script = cachedData === undefined ? new vm.Script(code, { filename }) : withChecksums(() => new vm.Script(code, { filename, cachedData }))
    if (cachedData === undefined || script.cachedDataRejected === true) pending.push({ script, file, header, source, seen })
    return script
  }

  Module.prototype._compile = function compileChunk(this: NodeJS.Module, content: unknown, filename: unknown, ...rest: unknown[]): unknown {
    const format = rest[0]
    const ours = typeof content === 'string' && typeof filename === 'string' && filename.endsWith('.cjs') && dirname(filename) === distDir
    let script: Vm.Script | undefined
    if (ours && (format === undefined || format === 'commonjs')) {
      try {
        script = compile(content, filename)
      } catch {
        script = undefined
      }
    }
    if (script === undefined || typeof filename !== 'string') return (original as (...args: unknown[]) => unknown).call(this, content, filename, ...rest)
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown
    return wrapper.call(this.exports, this.exports, Module.createRequire(filename), this, filename, distDir)
  }

  process.once('exit', () => {
    try {
      if (pending.length > 0) writeCaches(fs, folder, pending, uid)
    } catch {
      // Best effort: the next run compiles again.
    }
  })
}

/** A folder or file of the user's that group and others cannot write. */
function trustedBy(info: Fs.Stats, uid: number): boolean {
  return info.uid === uid && (info.mode & 0o022) === 0
}

/**
 * Runs `fn` with V8's checksums of code caches on (made with a cache, verified before one is
 * used), then turns them off again: left on, Node's own built-in modules, whose caches carry no
 * checksum, would be compiled from scratch.
 */
function withChecksums<T>(fn: () => T): T {
  const v8 = require('node:v8') as typeof V8
  v8.setFlagsFromString('--verify-snapshot-checksum')
  try {
    return fn()
  } finally {
    v8.setFlagsFromString('--no-verify-snapshot-checksum')
  }
}

/** V8's data from `file`, when it is the user's own regular file made for exactly this source. */
function readCache(fs: typeof Fs, file: string, header: Buffer, source: Buffer, uid: number): Buffer | undefined {
  let fd: number
  try {
    // Not blocked by a FIFO put there (refused below: not a regular file).
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | (fs.constants.O_NONBLOCK ?? 0))
  } catch {
    return undefined
  }
  try {
    const info = fs.fstatSync(fd)
    const start = header.length + source.length
    if (!info.isFile() || !trustedBy(info, uid) || info.size <= start || info.size > MAX_CACHE_BYTES) return undefined
    const data = Buffer.allocUnsafe(info.size)
    let read = 0
    while (read < data.length) {
      const n = fs.readSync(fd, data, read, data.length - read, read)
      if (n === 0) return undefined
      read += n
    }
    if (!data.subarray(0, header.length).equals(header) || !data.subarray(header.length, start).equals(source)) return undefined
    return data.subarray(start)
  } catch {
    return undefined
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Writes each pending chunk's cache (the bytecode of everything this run compiled): a new file
 * 0600 in the 0700 folder (created if missing), then renamed over the old one, so a reader sees a
 * whole file or none. One writer per chunk: a process leaves the chunk to another that has written
 * it since this one started, or is writing it now (twenty processes started at once write it once).
 */
function writeCaches(fs: typeof Fs, folder: string, pending: readonly Pending[], uid: number): void {
  try {
    fs.mkdirSync(folder, { mode: 0o700 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return
  }
  const info = fs.lstatSync(folder)
  if (!info.isDirectory() || !trustedBy(info, uid)) return
  for (const { script, file, header, source, seen } of pending) {
    if (fs.lstatSync(file, { throwIfNoEntry: false })?.ino !== seen) continue
    const temp = join(folder, `.${basename(file)}.tmp`)
    let fd: number
    try {
      fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') removeIfStale(fs, temp)
      continue
    }
    try {
      try {
        const data = withChecksums(() => script.createCachedData())
        if (data.length === 0) throw new Error('no data')
        for (const part of [header, source, data]) {
          for (let written = 0; written < part.length; ) written += fs.writeSync(fd, part, written)
        }
      } finally {
        fs.closeSync(fd)
      }
      fs.renameSync(temp, file)
    } catch {
      fs.rmSync(temp, { force: true })
    }
  }
}

/** Removes a writer's temp file that a killed process left behind. */
function removeIfStale(fs: typeof Fs, temp: string): void {
  const info = fs.lstatSync(temp, { throwIfNoEntry: false })
  if (info !== undefined && Date.now() - info.mtimeMs > STALE_TEMP_MS) fs.rmSync(temp, { force: true })
}
