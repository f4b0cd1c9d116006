import { readFile } from 'node:fs/promises'

/**
 * Whether a process with this pid exists on this machine (a zombie counts as gone: it holds
 * nothing). `EPERM` means it exists but belongs to another user. Internal.
 */
export async function pidAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM'
  }
  return !(await isZombie(pid))
}

async function isZombie(pid: number): Promise<boolean> {
  if (process.platform !== 'linux') return false
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z'
  } catch {
    return false
  }
}
