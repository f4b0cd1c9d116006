#!/usr/bin/env node
// Installs what is missing, so `npm test` and `npm run demo` work on a fresh clone.
//  - npm packages: `npm install` (honouring package-lock.json) when node_modules is absent or
//    older than the lockfile. Not `npm ci`: the registry reachable here lacks some optional
//    platform packages (e.g. @rollup/rollup-android-*), so the lockfile cannot list them and
//    `npm ci` refuses it as out of sync; `npm install` installs the same pinned versions.
//  - Debian packages named on the command line (`--apt chromium,gnome-keyring`), with apt-get
//    as root, only when their binary is not already on the PATH.
// Node built-ins only: this runs before anything is installed.
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Debian package → a file whose presence means it is installed. */
const DEBIAN_PROBES = {
  chromium: '/usr/bin/chromium',
  'gnome-keyring': '/usr/bin/gnome-keyring-daemon',
  'libsecret-tools': '/usr/bin/secret-tool',
  'dbus-x11': '/usr/bin/dbus-launch',
  dbus: '/usr/bin/dbus-run-session',
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options })
  if (r.status !== 0) {
    console.error(`ensure: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal})`)
    process.exit(r.status ?? 1)
  }
}

function npmIsCurrent() {
  const marker = join(root, 'node_modules', '.package-lock.json')
  if (!existsSync(marker)) return false
  const lock = join(root, 'package-lock.json')
  return !existsSync(lock) || statSync(marker).mtimeMs >= statSync(lock).mtimeMs
}

export function ensureNpm() {
  if (npmIsCurrent()) return
  console.error('ensure: installing npm packages (npm install)...')
  run('npm', ['install', '--no-audit', '--no-fund'])
}

export function ensureDebian(packages) {
  const missing = packages.filter((p) => !existsSync(DEBIAN_PROBES[p] ?? `/usr/bin/${p}`))
  if (missing.length === 0) return true
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(`ensure: missing Debian packages: ${missing.join(' ')} (run as root: apt-get install -y ${missing.join(' ')})`)
    return false
  }
  console.error(`ensure: installing Debian packages: ${missing.join(' ')}...`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  run('apt-get', ['update', '-qq'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env, stdio: ['ignore', 'ignore', 'inherit'] })
  return true
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureNpm()
  const i = process.argv.indexOf('--apt')
  if (i > 0 && process.argv[i + 1]) ensureDebian(process.argv[i + 1].split(',').filter(Boolean))
}
