// End-to-end: the full CLI's chunks load through V8's code cache in `<config folder>/.cache/`
// (src/code-cache.ts). Real processes, the built binary, the real dev server. A cache file that
// was used is left as it is; one that was not (missing, tampered, of another version, another
// user's, writable by group, a symlink, damaged V8 data) is written anew when the run ends (a new
// file: a new inode) or, in a folder that is not trusted, never touched. Every run must give the
// same output as without a cache.
import { cp, chmod, chown, lchown, lstat, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { execFile, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { e2eSuite } from './_e2e-suite.js'
import { BIN, baseEnv, ok, run, runAsync } from './_run.js'

let token: string
const e2e = e2eSuite('code-cache')

const env = () => baseEnv(e2e.home, e2e.configDir, { NO_COLOR: '1' })
const authcli = (args: string[], input?: string) => run(env(), args, input)
const cacheDir = () => join(e2e.configDir, '.cache')
const STATUS = ['auth', 'status', '--offline']

/** Logs in with a PAT in the file store (a full run: it writes the first caches). */
async function login(): Promise<void> {
  token = e2e.server.mintPat({ login: 'alice', scopes: ['api:read'] })
  ok(await authcli(['auth', 'login', '--host', e2e.server.issuer, '--with-token', '--profile-url', `${e2e.server.issuer}/api/v1/profile`, '--store', 'file'], `${token}\n`))
}

/** Each cache file's name → its inode (a file written anew has a new one). */
async function inodes(): Promise<Map<string, number>> {
  const names = (await readdir(cacheDir())).filter((name) => name.endsWith('.v8'))
  return new Map(await Promise.all(names.map(async (name) => [name, (await lstat(join(cacheDir(), name))).ino] as const)))
}

/** The names of the cache files whose inode differs from `before`. */
async function rewritten(before: Map<string, number>): Promise<string[]> {
  const after = await inodes()
  return [...before.keys()].filter((name) => after.get(name) !== before.get(name)).sort()
}

/**
 * A warm cache of exactly the chunks `auth status --offline` and `auth token --json` load: login,
 * the cache emptied, both commands, then both again with nothing written any more.
 */
async function warm(): Promise<{ status: string; tokenJson: string }> {
  await login()
  await rm(cacheDir(), { recursive: true, force: true })
  const status = ok(await authcli(STATUS)).stdout
  const tokenJson = ok(await authcli(['auth', 'token', '--json'])).stdout
  const before = await inodes()
  expect(ok(await authcli(STATUS)).stdout).toBe(status)
  expect(ok(await authcli(['auth', 'token', '--json'])).stdout).toBe(tokenJson)
  expect(await rewritten(before)).toEqual([])
  return { status, tokenJson }
}

/** The header line of a cache file: `[version, node, arch, execPath, size, mtime, ino, chunk, length]`. */
async function header(name: string): Promise<unknown[]> {
  const text = (await readFile(join(cacheDir(), name))).toString('latin1')
  const lines = text.split('\n', 2)
  expect(lines[0]).toBe('authcli-code-cache 1')
  return JSON.parse(lines[1] as string) as unknown[]
}

describe('the code cache', () => {
  it('is made 0600 in a 0700 folder, used as is by later runs, and holds no secret', async () => {
    // The first login makes the config folder (no cache: the folder did not exist when it
    // started); a second one writes the cache of what a login loads, with the token read from stdin.
    await login()
    await expect(stat(cacheDir())).rejects.toThrow(/ENOENT/)
    const firstToken = token
    await login()
    const loginCache = await readdir(cacheDir())
    expect(loginCache).toContain('cli-main.cjs.v8')
    for (const name of loginCache) {
      const bytes = await readFile(join(cacheDir(), name))
      for (const secret of [firstToken, token]) expect(bytes.includes(secret) || bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false)
    }
    const { status } = await warm()
    expect(status).toContain('logged in')
    const folder = await lstat(cacheDir())
    expect([folder.isDirectory(), folder.mode & 0o777, folder.uid]).toEqual([true, 0o700, process.getuid?.()])
    const names = [...(await inodes()).keys()]
    // cli-main.cjs and the chunks a status, a token and a login load, one file each.
    expect(names).toContain('cli-main.cjs.v8')
    expect(names.length).toBeGreaterThan(3)
    for (const name of names) {
      const info = await lstat(join(cacheDir(), name))
      expect([name, info.isFile(), info.mode & 0o777, info.uid]).toEqual([name, true, 0o600, process.getuid?.()])
      const [version, node, arch, execPath, , , , chunk] = await header(name)
      expect([version, node, arch, execPath, `${chunk}.v8`]).toEqual([expect.any(String), process.version, process.arch, process.execPath, name])
      const bytes = await readFile(join(cacheDir(), name))
      // The token was on stdin, in memory and in the output: never in the cache.
      expect(bytes.includes(token)).toBe(false)
      expect(bytes.includes(Buffer.from(token, 'utf16le'))).toBe(false)
    }
    // No writer's temp file is left behind.
    expect((await readdir(cacheDir())).filter((name) => !name.endsWith('.v8'))).toEqual([])
  })

  it('ignores a tampered cache (header, source copy or V8 data), runs as before and writes it anew', async () => {
    const { status, tokenJson } = await warm()
    const files = [...(await inodes()).keys()]
    // Each file damaged in one place: the header's version, a byte of the source copy, bytes of
    // V8's data (which V8 itself would not notice without its checksum: node would crash), or cut short.
    for (const [i, name] of files.entries()) {
      const path = join(cacheDir(), name)
      const bytes = await readFile(path)
      const end = bytes.indexOf(10, bytes.indexOf(10) + 1) + 1
      const length = (await header(name))[8] as number
      const damaged = Buffer.from(bytes)
      if (i % 4 === 0) damaged.write('9', bytes.indexOf('"') + 1, 'latin1')
      else if (i % 4 === 1) damaged[end + Math.floor(length / 2)] ^= 0x20
      else if (i % 4 === 2) for (let k = 1; k <= 8; k++) damaged[damaged.length - k * 997] ^= 0xff
      await writeFile(path, i % 4 === 3 ? damaged.subarray(0, end + length + 40) : damaged, { mode: 0o600 })
    }
    const before = await inodes()
    expect(ok(await authcli(STATUS)).stdout).toBe(status)
    expect(ok(await authcli(['auth', 'token', '--json'])).stdout).toBe(tokenJson)
    // Every damaged file was written anew; the next runs use them.
    expect(await rewritten(before)).toEqual(files.sort())
    const after = await inodes()
    expect(ok(await authcli(STATUS)).stdout).toBe(status)
    expect(await rewritten(after)).toEqual([])
  })

  it("never reads another user's cache file, one writable by group, or a symlink", async () => {
    const { status } = await warm()
    // Files every full run loads: cli-main.cjs and the chunks it requires at once.
    const [foreign, groupWritable, linked] = ['cli-main.cjs.v8', ...(await mainChunks()).map((name) => `${name}.v8`)] as [string, string, string]
    // The symlink points at a valid cache file elsewhere: still not followed.
    const elsewhere = join(e2e.dir, 'elsewhere.v8')
    await cp(join(cacheDir(), linked), elsewhere)
    await rm(join(cacheDir(), linked))
    await symlink(elsewhere, join(cacheDir(), linked))
    await chown(join(cacheDir(), foreign), 65534, 65534).catch(skipUnlessRoot)
    await chmod(join(cacheDir(), groupWritable), 0o620)
    const before = await inodes()
    expect(ok(await authcli(STATUS)).stdout).toBe(status)
    // Each was left unused and replaced by the user's own 0600 file; the symlink's target is untouched.
    const replaced = await rewritten(before)
    for (const name of [groupWritable, linked, ...(process.getuid?.() === 0 ? [foreign] : [])]) {
      expect(replaced).toContain(name)
      const info = await lstat(join(cacheDir(), name))
      expect([name, info.isFile(), info.mode & 0o777, info.uid]).toEqual([name, true, 0o600, process.getuid?.()])
    }
    expect((await lstat(elsewhere)).isFile()).toBe(true)
  })

  it('does not hang on a FIFO put where a cache file is: the run answers as before and writes the file anew', async () => {
    const { status } = await warm()
    await rm(join(cacheDir(), 'cli-main.cjs.v8'))
    expect(spawnSync('mkfifo', ['-m', '600', join(cacheDir(), 'cli-main.cjs.v8')]).status).toBe(0)
    // Bounded here only so that a hang fails the test (opening a FIFO to read blocks until a writer comes).
    const running = runAsync(env(), STATUS)
    const bound = setTimeout(() => running.kill('SIGKILL'), 20_000)
    const result = await running.done.finally(() => clearTimeout(bound))
    expect([result.code, result.stdout]).toEqual([0, status])
    expect((await lstat(join(cacheDir(), 'cli-main.cjs.v8'))).isFile()).toBe(true)
  })

  it('leaves a .cache folder that is a symlink, writable by group or not the user’s alone: no read, no write', async () => {
    const { status } = await warm()
    // What the runs open is recorded by a preloaded script: nothing in an untrusted folder.
    const opened = join(e2e.dir, 'opened')
    const probe = join(e2e.dir, 'probe.cjs')
    await writeFile(
      probe,
      `const fs = require('node:fs'); const open = fs.openSync; let busy = false
fs.openSync = function (path, ...rest) {
  if (!busy) { busy = true; try { fs.appendFileSync(${JSON.stringify(opened)}, String(path) + '\\n') } finally { busy = false } }
  return open.call(this, path, ...rest)
}\n`,
    )
    const probed = () => run({ ...env(), NODE_OPTIONS: `--require ${probe}` }, STATUS)
    const openedIn = async (folder: string) => (await readFile(opened, 'utf8').catch(() => '')).split('\n').filter((path) => path.startsWith(`${folder}/`))
    expect(ok(await probed()).stdout).toBe(status)
    expect((await openedIn(cacheDir())).length).toBeGreaterThan(3)
    await rm(opened)
    const real = join(e2e.dir, 'real-cache')
    await cp(cacheDir(), real, { recursive: true })
    await rm(cacheDir(), { recursive: true })
    // A symlinked folder (to a copy of a valid cache) is not followed: nothing is written there or here.
    await symlink(real, cacheDir())
    const copied = await readdir(real)
    const realInodes = new Map(await Promise.all(copied.map(async (name) => [name, (await lstat(join(real, name))).ino] as const)))
    await rm(join(real, 'cli-main.cjs.v8'))
    expect(ok(await probed()).stdout).toBe(status)
    expect([...(await openedIn(cacheDir())), ...(await openedIn(real))]).toEqual([])
    expect((await lstat(cacheDir())).isSymbolicLink()).toBe(true)
    expect((await readdir(real)).sort()).toEqual(copied.filter((name) => name !== 'cli-main.cjs.v8').sort())
    for (const name of await readdir(real)) expect((await lstat(join(real, name))).ino).toBe(realInodes.get(name))
    // A real folder writable by group: the same.
    await rm(cacheDir())
    await cp(real, cacheDir(), { recursive: true })
    await chmod(cacheDir(), 0o770)
    const before = await inodes()
    expect(ok(await probed()).stdout).toBe(status)
    expect(await openedIn(cacheDir())).toEqual([])
    expect(await rewritten(before)).toEqual([])
    expect(await readdir(cacheDir())).not.toContain('cli-main.cjs.v8')
    // Another user's folder (root only can make one): the same.
    await chmod(cacheDir(), 0o700)
    if (process.getuid?.() === 0) {
      await lchown(cacheDir(), 65534, 65534)
      expect(ok(await probed()).stdout).toBe(status)
      expect(await openedIn(cacheDir())).toEqual([])
      expect(await rewritten(before)).toEqual([])
      expect(await readdir(cacheDir())).not.toContain('cli-main.cjs.v8')
      await lchown(cacheDir(), 0, 0)
    }
    // Trusted again: the missing file is made.
    expect(ok(await authcli(STATUS)).stdout).toBe(status)
    expect(await readdir(cacheDir())).toContain('cli-main.cjs.v8')
  })

  it("a CLI of another version ignores the cache and writes its own; the old version's is not used by the new", async () => {
    const { status } = await warm()
    // A second build of the CLI: the same files, another version baked in.
    const other = join(e2e.dir, 'other-dist')
    await cp(join(BIN, '..'), other, { recursive: true })
    const current = (await header('cli-main.cjs.v8'))[0] as string
    expect((await readFile(join(other, 'authcli.cjs'), 'utf8')).split(JSON.stringify(current)).length).toBe(2)
    for (const name of (await readdir(other)).filter((file) => file.endsWith('.cjs'))) {
      const source = await readFile(join(other, name), 'utf8')
      await writeFile(join(other, name), source.replaceAll(JSON.stringify(current), JSON.stringify(`${current}-next`)))
    }
    const before = await inodes()
    const result = await promisify(execFile)(process.execPath, [join(other, 'authcli.cjs'), '--version'], { env: env() })
    expect(result.stdout).toBe(`${current}-next\n`)
    expect(await rewritten(before)).toContain('cli-main.cjs.v8')
    expect((await header('cli-main.cjs.v8'))[0]).toBe(`${current}-next`)
    // Back to this version: that cache is not used either, and is replaced by this version's.
    const next = await inodes()
    expect(ok(await authcli(STATUS)).stdout).toBe(status)
    expect(await rewritten(next)).toContain('cli-main.cjs.v8')
    expect((await header('cli-main.cjs.v8'))[0]).toBe(current)
  })

  it('is written once, whole, when several processes start without one', async () => {
    await login()
    const status = ok(await authcli(STATUS)).stdout
    await rm(cacheDir(), { recursive: true })
    const results = await Promise.all(Array.from({ length: 6 }, () => authcli(STATUS)))
    for (const result of results) expect(ok(result).stdout).toBe(status)
    expect((await readdir(cacheDir())).filter((name) => !name.endsWith('.v8'))).toEqual([])
    const before = await inodes()
    expect(before.has('cli-main.cjs.v8')).toBe(true)
    expect(ok(await authcli(STATUS)).stdout).toBe(status)
    expect(await rewritten(before)).toEqual([])
  })

  it('makes no config folder and no cache where there is no config folder', async () => {
    expect(ok(await authcli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/)
    await expect(stat(e2e.configDir)).rejects.toThrow(/ENOENT/)
    // A config folder another user could write: no cache in it.
    await mkdir(e2e.configDir, { mode: 0o700 })
    await chmod(e2e.configDir, 0o777)
    await authcli(['--version'])
    await expect(stat(cacheDir())).rejects.toThrow(/ENOENT/)
  })
})

/** The chunks `cli-main.cjs` requires when it loads (every full run loads them). */
async function mainChunks(): Promise<string[]> {
  const source = await readFile(join(BIN, '..', 'cli-main.cjs'), 'utf8')
  const names = [...source.matchAll(/require\('\.\/(chunk-[\w-]+\.cjs)'\)/g)].map((match) => match[1] as string)
  expect(names.length).toBeGreaterThanOrEqual(2)
  return names
}

/** chown needs root: elsewhere the foreign-owner case is left out (the other cases still run). */
function skipUnlessRoot(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPERM') throw error
}
