// The refresh marker and the follower's wait, on real files and real processes: the leader, a
// process that changes the index, a leader that dies (and stays a zombie while this process
// sleeps synchronously, as a follower does).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { chmod, chown, mkdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { isWindows, tempDirs } from '@auth/testing'
import { TOKEN_INDEX_FILE } from './read-token-index.js'
import { claimRefreshMarker, REFRESH_MARKER_STALE_MS, refreshMarkerPath, refreshMarkerState } from './refresh-marker.js'
import { waitForTokenIndex } from './wait-for-token-index.js'

const dirs = tempDirs()
afterEach(dirs.cleanup)

async function setup() {
  const dir = await dirs.make()
  return { dir, marker: refreshMarkerPath(dir, join(dir, 'credentials'), 'https://h#a') }
}

/** A process id that no process has now (a child that ran and was reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' })
  return Number(child.stdout.trim())
}

/** Starts `node -e script` (it runs on its own while this process waits synchronously); resolves when it has started. */
async function child(script: string): Promise<{ pid: number; done: Promise<unknown> }> {
  const running = spawn(process.execPath, ['-e', `process.stdout.write('up\\n');${script}`], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise((resolve) => running.stdout.once('data', resolve))
  return { pid: running.pid as number, done: new Promise((resolve) => running.on('close', resolve)) }
}

describe.skipIf(isWindows)('the refresh marker', () => {
  it('one process leads (a 0600 marker with its id), the others follow while it lives; release removes only its own marker', async () => {
    const { dir, marker } = await setup()
    expect(marker).toMatch(/\/\.token-index\.[0-9a-f]{8}\.refreshing$/)
    expect(refreshMarkerPath(dir, join(dir, 'credentials'), 'https://h#b')).not.toBe(marker)
    const lead = claimRefreshMarker(marker)
    expect(lead.role).toBe('lead')
    expect((await stat(marker)).mode & 0o777).toBe(0o600)
    expect(await readFile(marker, 'utf8')).toMatch(new RegExp(`^${process.pid}( \\d+)?\\n$`))
    expect(refreshMarkerState(marker)).toBe('live')
    expect(claimRefreshMarker(marker)).toEqual({ role: 'follow' })
    // Taken over meanwhile (another process's marker now, maybe with the same inode number): not removed by the first leader.
    await rm(marker)
    await writeFile(marker, `${deadPid()} 1\n`, { mode: 0o600 })
    if (lead.role === 'lead') lead.release()
    expect(existsSync(marker)).toBe(true)
    await rm(marker)
    const next = claimRefreshMarker(marker)
    expect(next.role).toBe('lead')
    if (next.role === 'lead') next.release()
    expect(existsSync(marker)).toBe(false)
    expect(refreshMarkerState(marker)).toBe('gone')
  })

  it('takes over a marker whose process is gone, or that is older than the bound; waits on an empty (just created) one', async () => {
    const { marker } = await setup()
    await writeFile(marker, `${deadPid()} 1\n`, { mode: 0o600 })
    expect(refreshMarkerState(marker)).toBe('stale')
    const claim = claimRefreshMarker(marker)
    expect(claim.role).toBe('lead')
    expect(await readFile(marker, 'utf8')).toContain(String(process.pid))
    if (claim.role === 'lead') claim.release()
    // This process, but with another start time: the id was reused by another process.
    if (existsSync('/proc/self/stat')) {
      await writeFile(marker, `${process.pid} 1\n`, { mode: 0o600 })
      expect(refreshMarkerState(marker)).toBe('stale')
    }
    // Alive, but older than the bound.
    await writeFile(marker, `${process.pid}\n`, { mode: 0o600 })
    expect(refreshMarkerState(marker)).toBe('live')
    const old = (Date.now() - REFRESH_MARKER_STALE_MS - 1000) / 1000
    await utimes(marker, old, old)
    expect(refreshMarkerState(marker)).toBe('stale')
    await writeFile(marker, '', { mode: 0o600 })
    expect(refreshMarkerState(marker)).toBe('live')
    await rm(marker)
  })

  it('never trusts a link, a file others may write, another kind of file, or a folder others may write: no waiting, nothing removed', async () => {
    const { dir, marker } = await setup()
    await writeFile(join(dir, 'elsewhere'), `${process.pid}\n`, { mode: 0o600 })
    await symlink(join(dir, 'elsewhere'), marker)
    expect(refreshMarkerState(marker)).toBe('untrusted')
    expect(claimRefreshMarker(marker)).toEqual({ role: 'none' })
    expect(await readFile(join(dir, 'elsewhere'), 'utf8')).toBe(`${process.pid}\n`)
    await rm(marker)
    await writeFile(marker, `${process.pid}\n`)
    await chmod(marker, 0o666)
    expect(claimRefreshMarker(marker)).toEqual({ role: 'none' })
    await rm(marker)
    // Another user's marker (root can make one here; others cannot, which is the point).
    if (process.getuid?.() === 0) {
      await writeFile(marker, `${process.pid}\n`, { mode: 0o600 })
      await chown(marker, 1, 1)
      expect(claimRefreshMarker(marker)).toEqual({ role: 'none' })
      await rm(marker)
    }
    await mkdir(marker)
    expect(claimRefreshMarker(marker)).toEqual({ role: 'none' })
    await rm(marker, { recursive: true })
    // A FIFO is neither opened for long nor trusted (a blocking open would hang the caller).
    if (spawnSync('mkfifo', [marker]).status === 0) {
      expect(claimRefreshMarker(marker)).toEqual({ role: 'none' })
      await rm(marker)
    }
    await chmod(dir, 0o777)
    expect(claimRefreshMarker(marker)).toEqual({ role: 'none' })
    expect(existsSync(marker)).toBe(false)
    await writeFile(marker, `${process.pid}\n`, { mode: 0o600 })
    expect(refreshMarkerState(marker)).toBe('untrusted')
    await chmod(dir, 0o700)
    expect(refreshMarkerState(marker)).toBe('live')
  })
})

describe.skipIf(isWindows)('waitForTokenIndex', () => {
  it('answers once another process has replaced the index, while the marker is live', async () => {
    const { dir, marker } = await setup()
    const index = join(dir, TOKEN_INDEX_FILE)
    await writeFile(index, 'v1', { mode: 0o600 })
    await writeFile(marker, `${process.pid}\n`, { mode: 0o600 })
    let asked = 0
    const answer = () => (asked++, readFileSync(index, 'utf8') === 'v2' ? 'the token' : undefined)
    // The other process writes v2 to a temporary file and renames it over the index, as writeTokenIndex does.
    const writer = await child(
      `setTimeout(() => { require('fs').writeFileSync(${JSON.stringify(`${index}.tmp`)}, 'v2'); require('fs').renameSync(${JSON.stringify(`${index}.tmp`)}, ${JSON.stringify(index)}) }, 150)`,
    )
    expect(waitForTokenIndex(marker, answer, { timeoutMs: 20_000 })).toBe('the token')
    // Asked at the start and when the index changed: not at every step.
    expect(asked).toBeLessThanOrEqual(3)
    await writer.done
  })

  it('gives up when the marker goes and the index still cannot answer, when its leader dies (a zombie too), and after the bound', async () => {
    const { marker } = await setup()
    // The leader ends without recording (a failed renewal): its marker goes, the index stays as it was.
    await writeFile(marker, `${process.pid}\n`, { mode: 0o600 })
    const remover = await child(`setTimeout(() => require('fs').rmSync(${JSON.stringify(marker)}), 150)`)
    expect(waitForTokenIndex(marker, () => undefined, { timeoutMs: 20_000 })).toBeUndefined()
    await remover.done
    // The leader dies: while this process sleeps synchronously it is not reaped (a zombie), and is judged dead all the same.
    const leader = await child('setTimeout(() => {}, 200)')
    const start = readFileSync(`/proc/${leader.pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19]
    await writeFile(marker, `${leader.pid}${start === undefined ? '' : ` ${start}`}\n`, { mode: 0o600 })
    expect(refreshMarkerState(marker)).toBe('live')
    expect(waitForTokenIndex(marker, () => undefined, { timeoutMs: 20_000 })).toBeUndefined()
    // Its marker is removed, so that the next run leads.
    expect(existsSync(marker)).toBe(false)
    await leader.done
    // A live marker and no change: the bound; an answer that throws is no answer.
    await writeFile(marker, `${process.pid}\n`, { mode: 0o600 })
    const before = Date.now()
    expect(
      waitForTokenIndex(
        marker,
        () => {
          throw new Error('broken')
        },
        { timeoutMs: 200 },
      ),
    ).toBeUndefined()
    expect(Date.now() - before).toBeGreaterThanOrEqual(200)
    expect(existsSync(marker)).toBe(true)
  })

  it('a marker it created but could not write (a full disk) is not left behind: the next claim does not wait on it', async (ctx) => {
    // A real full file system: a 16 kB tmpfs (mounting needs root; skipped otherwise). A new
    // file still gets an inode there, but its first byte fails with ENOSPC.
    const dir = await dirs.make()
    if (process.getuid?.() !== 0 || spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k,mode=0700', 'tmpfs', dir]).status !== 0) return ctx.skip()
    try {
      await expect(writeFile(join(dir, 'filler'), Buffer.alloc(64 * 1024))).rejects.toMatchObject({ code: 'ENOSPC' })
      const marker = refreshMarkerPath(dir, join(dir, 'credentials'), 'https://h#a')
      expect(claimRefreshMarker(marker)).toEqual({ role: 'none' })
      // Left behind, an empty marker would be "just created" for 10 s: every run until then would wait for a leader that does not exist.
      expect(existsSync(marker)).toBe(false)
      expect(claimRefreshMarker(marker)).toEqual({ role: 'none' })
      expect(existsSync(marker)).toBe(false)
    } finally {
      spawnSync('umount', [dir])
    }
  })

  it('answers at once when it can, without sleeping', async () => {
    const { marker } = await setup()
    expect(waitForTokenIndex(marker, () => 'now', { timeoutMs: 0 })).toBe('now')
  })
})
