// The install-footprint section of `npm run bench` (issue 20): what `npm install` puts on a user's
// disk. Every publishable workspace package (`packages/*`, not private) is packed with `npm pack`
// into a temp folder, as the registry would serve it; then temp projects install from those
// tarballs (npm install --prefer-offline --no-audit --no-fund; third-party dependencies from the
// registry, `@auth/*` pinned to the tarballs by `overrides` so nothing of that name comes from the
// registry, where the scope belongs to another project):
// - a PAT-only product: @auth/core + @auth/flow-pat + @auth/store-file,
// - a full install: every package,
// and, beside them in the same run, references from the registry: openid-client alone,
// @azure/msal-node, @octokit/auth-oauth-device.
// For each: the packages installed (node_modules/.package-lock.json), the bytes of their files
// (the sum of file sizes) and the disk usage (allocated blocks), node_modules only.
//   node scripts/bench/footprint.mjs   (on its own; needs the packages built)
import { spawnSync } from 'node:child_process'
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const INSTALLS = [
  ['PAT-only product: core + flow-pat + store-file', ['@auth/core', '@auth/flow-pat', '@auth/store-file']],
  ['full install: every package', 'all'],
]
/** References from the registry, the versions the root's dev dependencies pin (else the latest). */
const REFERENCES = ['openid-client', '@azure/msal-node', '@octokit/auth-oauth-device']

/** The environment of a child npm: ours, without what `npm run` sets for the repository's own package. */
function npmEnv() {
  const keep = /^npm_config_(registry|cache|userconfig|globalconfig|https?_proxy|proxy|noproxy|strict_ssl|cafile)$/i
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || keep.test(key)))
}

function npm(args, cwd) {
  const r = spawnSync('npm', args, { cwd, env: npmEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (r.status !== 0) throw new Error(`footprint: \`npm ${args.join(' ')}\` failed (exit ${r.status ?? r.signal}):\n${(r.stderr ?? '').slice(-2000)}`)
  return r.stdout
}

/** Sum of file sizes and of allocated blocks under `dir` (symbolic links counted as links, not followed; `skip`: folder names left out). */
function diskUsage(dir, skip = '') {
  let bytes = 0
  let blocks = 0
  let files = 0
  const walk = (path) => {
    const stat = lstatSync(path)
    blocks += stat.blocks * 512
    if (stat.isDirectory()) for (const entry of readdirSync(path)) entry !== skip && walk(join(path, entry))
    else {
      bytes += stat.size
      files++
    }
  }
  walk(dir)
  return { bytes, diskBytes: blocks, files }
}

/** Installs `dependencies` into a fresh project under `work`; returns what landed in node_modules. */
function install(work, name, dependencies, overrides = {}) {
  const project = mkdtempSync(join(work, 'project-'))
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'footprint', version: '0.0.0', private: true, dependencies, overrides }, null, 2))
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], project)
  const lock = JSON.parse(readFileSync(join(project, 'node_modules', '.package-lock.json'), 'utf8'))
  const installed = Object.entries(lock.packages).filter(([path, entry]) => path.startsWith('node_modules/') && !entry.link)
  const names = installed.map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
  // Each package's own files (its nested node_modules left to the packages in it), biggest first.
  const byPackage = installed.map(([path], i) => [names[i], diskUsage(join(project, path), 'node_modules').bytes]).sort((a, b) => b[1] - a[1])
  return { case: name, name, packages: names.length, ...diskUsage(join(project, 'node_modules')), installed: [...new Set(names)].sort(), byPackage: Object.fromEntries(byPackage) }
}

/**
 * Packs, installs, prints a table; returns rows `{ section: 'footprint', case, name, packages, bytes,
 * diskBytes, files, tarballBytes?, installed, byPackage }` (`case` and `name` both the label).
 * Called as `benchFootprint(root)` or `benchFootprint({ root, record })`: `record(row)`, when given,
 * is called with each row as well (for a harness that collects rows itself).
 */
export async function benchFootprint(options) {
  const { root, record } = typeof options === 'string' ? { root: options } : options
  const work = mkdtempSync(join(tmpdir(), 'auth-footprint-'))
  const rows = []
  try {
    const tarballs = join(work, 'tarballs')
    mkdirSync(tarballs)
    const workspaces = readdirSync(join(root, 'packages'))
      .map((dir) => join(root, 'packages', dir))
      .filter((dir) => {
        try {
          return !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private
        } catch {
          return false
        }
      })
    const packed = {}
    let tarballBytes = 0
    for (const dir of workspaces) {
      const [info] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tarballs], dir))
      packed[info.name] = `file:${join(tarballs, info.filename)}`
      tarballBytes += info.size
    }
    for (const [name, wanted] of INSTALLS) {
      const names = wanted === 'all' ? Object.keys(packed) : wanted
      const dependencies = Object.fromEntries(names.map((n) => [n, packed[n]]))
      const packs = names.reduce((sum, n) => sum + lstatSync(packed[n].slice('file:'.length)).size, 0)
      rows.push({ section: 'footprint', group: 'ours', ...install(work, name, dependencies, packed), ours: names.length, tarballBytes: wanted === 'all' ? tarballBytes : packs })
    }
    const devDependencies = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies ?? {}
    for (const name of REFERENCES) {
      rows.push({ section: 'footprint', group: 'reference', ...install(work, `reference: ${name}`, { [name]: devDependencies[name] ?? 'latest' }) })
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  const MB = (n) => `${(n / 1e6).toFixed(2)} MB`
  console.log('\ninstall footprint (npm pack tarballs, then npm install into a temp project; node_modules only)')
  console.log(`  ${'case'.padEnd(50)} ${'packages'.padStart(8)} ${'files'.padStart(6)} ${'bytes'.padStart(9)} ${'on disk'.padStart(9)} ${'tarballs'.padStart(9)}`)
  for (const r of rows) {
    console.log(
      `  ${r.case.padEnd(50)} ${String(r.packages).padStart(8)} ${String(r.files).padStart(6)} ${MB(r.bytes).padStart(9)} ${MB(r.diskBytes).padStart(9)} ${(r.tarballBytes ? MB(r.tarballBytes) : '').padStart(9)}`,
    )
  }
  for (const r of rows) {
    console.log(
      `  ${r.case}: ${Object.entries(r.byPackage)
        .map(([name, n]) => `${name} ${(n / 1000).toFixed(0)} kB`)
        .join(', ')}`,
    )
  }
  for (const r of rows) record?.(r)
  return rows
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchFootprint(join(fileURLToPath(import.meta.url), '..', '..', '..'))
