// A real keychain for the product tests: gnome-keyring's Secret Service on a private D-Bus session
// bus (dbus-run-session), its address handed to each product process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const TOOLS = ['dbus-run-session', 'dbus-send', 'gnome-keyring-daemon', 'secret-tool']

/** The tools a real keychain needs that are not on the PATH (the caller skips, loudly, unless in CI). */
export const missingKeyringTools = (): string[] => TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)

/** An unlocked gnome-keyring on a private session bus with a fresh HOME under `work`, alive until `close()` (stdin closed: the shell ends, and the bus with it). */
export async function keyring(work: string): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const home = await mkdtemp(join(work, 'home-'))
  await mkdir(join(home, '.local', 'share'), { recursive: true })
  const base = { PATH: process.env.PATH ?? '', HOME: home, XDG_DATA_HOME: join(home, '.local', 'share') }
  // The daemon forks before it owns its bus name: wait for the name before anything uses it.
  const wait =
    'for i in $(seq 100); do dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true && break; sleep 0.05; done'
  const script = `echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; ${wait}; echo "BUS=$DBUS_SESSION_BUS_ADDRESS"; read _`
  const child: ChildProcess = spawn('dbus-run-session', ['--', 'sh', '-c', script], { env: base, stdio: ['pipe', 'pipe', 'ignore'] })
  let address = ''
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line.startsWith('BUS=')) {
      address = line.slice(4)
      break
    }
  }
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()))
  return {
    env: { ...base, DBUS_SESSION_BUS_ADDRESS: address },
    close: async () => {
      child.stdin!.end()
      await closed
    },
  }
}
