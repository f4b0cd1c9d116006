// A real Secret Service for the keychain rows: gnome-keyring, unlocked (password "pass"), on a
// private D-Bus session bus started by dbus-run-session, in a private HOME, as the keychain
// tests run it (packages/store-keychain/scripts/with-keyring.sh). The session lives as long as
// the shell we start holds its stdin open; close() ends it (and the daemon, by its pid).
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const TOOLS = ['dbus-run-session', 'dbus-send', 'gnome-keyring-daemon']

const SESSION = `
printf %s pass | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
daemon=$!
i=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \\
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
  i=$((i + 1))
  if [ "$i" -ge 250 ]; then echo "gnome-keyring did not come up" >&2; kill "$daemon"; exit 1; fi
  sleep 0.02
done
echo "$DBUS_SESSION_BUS_ADDRESS"
cat >/dev/null
kill "$daemon"
wait "$daemon" 2>/dev/null
`

/**
 * Starts the keyring session under `home`. Resolves to `{ env, close }` (`env`: the variables a
 * process needs to reach it), or `{ skipped }` with the reason when a tool is missing or the
 * keyring does not come up.
 */
export async function startKeyring(home) {
  if (process.platform !== 'linux') return { skipped: 'the keychain row runs on Linux (gnome-keyring) only' }
  const missing = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0)
  if (missing.length > 0) return { skipped: `missing ${missing.join(', ')} (apt-get install -y gnome-keyring dbus-x11)` }
  const env = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' }
  for (const [name, dir] of [
    ['XDG_DATA_HOME', '.local/share'],
    ['XDG_CONFIG_HOME', '.config'],
    ['XDG_CACHE_HOME', '.cache'],
  ]) {
    env[name] = join(home, dir)
    mkdirSync(env[name], { recursive: true })
  }
  const session = spawn('dbus-run-session', ['--', 'sh', '-c', SESSION], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  session.stderr.on('data', (c) => (stderr += c))
  const exited = once(session, 'exit')
  const line = await Promise.race([once(createInterface({ input: session.stdout }), 'line').then(([l]) => l), exited.then(() => undefined)])
  if (!line?.startsWith('unix:')) return { skipped: `gnome-keyring did not start: ${stderr.trim().split('\n').at(-1) ?? 'no output'}` }
  const busEnv = { DBUS_SESSION_BUS_ADDRESS: line.trim(), XDG_DATA_HOME: env.XDG_DATA_HOME, XDG_CONFIG_HOME: env.XDG_CONFIG_HOME, XDG_CACHE_HOME: env.XDG_CACHE_HOME }
  return {
    env: busEnv,
    async close() {
      if (session.exitCode !== null || session.signalCode !== null) return
      session.stdin.end()
      const timer = setTimeout(() => session.kill('SIGTERM'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}
