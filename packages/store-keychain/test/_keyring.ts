/**
 * Test helpers for the real Secret Service: gnome-keyring on a D-Bus session bus, and
 * `secret-tool` to see what landed where. Every process started here is ended here, by pid.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

/** The binaries the keychain tests need (Debian: gnome-keyring, libsecret-tools, dbus-daemon with dbus-bin). */
export const TOOLS = ['dbus-daemon', 'dbus-run-session', 'dbus-send', 'gnome-keyring-daemon', 'secret-tool'] as const

export function missingTools(): string[] {
  return TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0)
}

/**
 * Whether the keychain tests can run. Missing tools skip them with a loud message, unless `CI`
 * is set: then the first test fails instead, since a skipped keychain test proves nothing.
 */
export function keyringSupport(): { run: boolean; why: string } {
  if (process.platform !== 'linux') return { run: false, why: 'the keychain integration tests run on Linux only' }
  const missing = missingTools()
  if (missing.length === 0) return { run: true, why: '' }
  const why = `missing ${missing.join(', ')}: apt-get install -y gnome-keyring libsecret-tools dbus-x11`
  if (!process.env['CI']) {
    process.stderr.write(`\n!!!!!!!! KEYCHAIN INTEGRATION TESTS SKIPPED: ${why} !!!!!!!!\n\n`)
  }
  return { run: false, why }
}

/** Whether we run inside scripts/with-keyring.sh (an unlocked gnome-keyring on the ambient bus). */
export function insideWithKeyring(): boolean {
  return process.env['AUTH_TEST_KEYRING'] === '1' && !!process.env['DBUS_SESSION_BUS_ADDRESS']
}

/** A private D-Bus session bus with a gnome-keyring in a private HOME. */
export interface PrivateKeyring {
  address: string
  home: string
  env: NodeJS.ProcessEnv
  bus: ChildProcess
  daemon: ChildProcess | undefined
  /** Starts gnome-keyring on this bus (again), unlocked with password `pass` or not. */
  startDaemon(unlock: boolean): Promise<void>
  stopDaemon(): Promise<void>
  close(): Promise<void>
}

/**
 * A session bus configuration without service activation: nothing starts a Secret Service
 * behind our back, so "a bus without a Secret Service" can be tested.
 */
const NO_ACTIVATION = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`

/**
 * Starts a D-Bus session bus and, unless `daemon: false`, gnome-keyring on it. The bus starts
 * no services of its own unless `activation: true` (a stock `--session` bus): otherwise, in a
 * moment without our daemon, D-Bus activation would start one we do not control.
 */
export async function startPrivateKeyring(options: { unlock: boolean; daemon?: boolean; activation?: boolean; home?: string }): Promise<PrivateKeyring> {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'keychain-home-'))
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: home, LANG: 'C.UTF-8' }
  for (const [name, dir] of [
    ['XDG_DATA_HOME', '.local/share'],
    ['XDG_CONFIG_HOME', '.config'],
    ['XDG_CACHE_HOME', '.cache'],
  ] as const) {
    env[name] = join(home, dir)
    mkdirSync(env[name] as string, { recursive: true })
  }
  let config = ['--session']
  if (options.activation !== true) {
    writeFileSync(join(home, 'bus.conf'), NO_ACTIVATION)
    config = [`--config-file=${join(home, 'bus.conf')}`]
  }
  const bus = spawn('dbus-daemon', [...config, '--nofork', '--print-address=1'], { env, stdio: ['ignore', 'pipe', 'ignore'] })
  const [line] = (await once(createInterface({ input: bus.stdout! }), 'line')) as [string]
  env['DBUS_SESSION_BUS_ADDRESS'] = line.trim()
  const k: PrivateKeyring = {
    address: line.trim(),
    home,
    env,
    bus,
    daemon: undefined,
    async startDaemon(unlock) {
      await k.stopDaemon()
      // --foreground: the pid is ours to end. Without XDG_RUNTIME_DIR it prints its control
      // socket once it is up on the bus.
      const daemon = spawn('gnome-keyring-daemon', ['--foreground', '--components=secrets', ...(unlock ? ['--unlock'] : [])], { env, stdio: ['pipe', 'pipe', 'ignore'] })
      daemon.stdin!.end(unlock ? 'pass' : '')
      k.daemon = daemon
      await once(createInterface({ input: daemon.stdout! }), 'line')
      await waitForName(env, 'org.freedesktop.secrets')
    },
    async stopDaemon() {
      await end(k.daemon)
      k.daemon = undefined
    },
    async close() {
      await k.stopDaemon()
      await end(bus)
      if (!options.home) rmSync(home, { recursive: true, force: true })
    },
  }
  if (options.daemon !== false) await k.startDaemon(options.unlock)
  return k
}

/** Waits until `name` has an owner on the bus: the daemon's control line comes before its D-Bus name. */
async function waitForName(env: NodeJS.ProcessEnv, name: string): Promise<void> {
  const args = ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${name}`]
  for (let i = 0; i < 250; i++) {
    if (/boolean true/.test(spawnSync('dbus-send', args, { env, encoding: 'utf8' }).stdout)) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`${name} did not appear on the test bus within 5 s`)
}

async function end(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGCONT')
  child.kill('SIGTERM')
  await once(child, 'exit')
}

/**
 * What `secret-tool search --all service <service>` finds: one record per item, with `label`,
 * `secret` and `attribute.*`. secret-tool prints the items on stdout and their attributes on
 * stderr, in the same order; a repeated attribute name starts the next item's group.
 */
export function secretToolSearch(service: string, env: NodeJS.ProcessEnv = process.env): Array<Record<string, string>> {
  const r = spawnSync('secret-tool', ['search', '--all', 'service', service], { env, encoding: 'utf8' })
  const records: Array<Record<string, string>> = []
  for (const line of r.stdout.split('\n')) {
    if (/^\[\/.*\]$/.test(line)) records.push({})
    const m = /^([\w.:-]+) = (.*)$/.exec(line)
    if (m && records.length > 0) (records[records.length - 1] as Record<string, string>)[m[1] as string] = m[2] as string
  }
  const groups: Array<Record<string, string>> = []
  for (const line of r.stderr.split('\n')) {
    const m = /^(attribute\.[\w.:-]+) = (.*)$/.exec(line)
    if (!m) continue
    if (groups.length === 0 || (m[1] as string) in (groups[groups.length - 1] as object)) groups.push({})
    ;(groups[groups.length - 1] as Record<string, string>)[m[1] as string] = m[2] as string
  }
  if (groups.length !== records.length) throw new Error(`secret-tool: ${records.length} items but ${groups.length} attribute groups`)
  return records.map((record, i) => ({ ...record, ...groups[i] }))
}

/** Stores a raw value with secret-tool (the value on stdin, never in argv). */
export function secretToolStore(service: string, account: string, value: string, env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync('secret-tool', ['store', '--label', 'test', 'service', service, 'username', account], { env, input: value })
  if (r.status !== 0) throw new Error(`secret-tool store failed: ${String(r.stderr)}`)
}

/** Kernel keys visible to us whose description mentions `text` (`keyctl` is not needed: /proc/keys). */
export function kernelKeysMentioning(text: string): string[] {
  try {
    return readFileSync('/proc/keys', 'utf8')
      .split('\n')
      .filter((line) => line.includes(text))
  } catch {
    return []
  }
}
