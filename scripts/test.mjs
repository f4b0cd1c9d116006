#!/usr/bin/env node
// `npm test`: installs what is missing, builds, then runs every check in the workspace —
// the formatter and linter (Biome), typecheck, unit + integration + end-to-end tests (vitest, per package, through turbo),
// package lint (publint + attw) and bundle-size budgets (size-limit) — and closes with
// one line `N passed, N failed, N skipped` summed over every package's vitest results.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureDebian, ensureNpm } from './ensure.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' }
/**
 * Debian packages the integration tests need: a real Secret Service (gnome-keyring under
 * dbus-run-session) for @auth/store-keychain, and Chromium (/usr/bin/chromium, driven by
 * playwright-core) for the browser login of @auth/flow-pkce, and zsh and fish, whose shells run
 * `authcli completion zsh|fish` scripts (those tests skip without them). Installed with apt-get
 * when missing and root. The Chromium tests fail in CI (CI set) when it is missing, and skip elsewhere.
 */
const DEBIAN = ['dbus', 'gnome-keyring', 'libsecret-tools', 'chromium', 'zsh', 'fish']

function step(name, cmd, args) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`)
  const started = Date.now()
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env })
  console.log(`=== ${name}: exit ${r.status ?? r.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return r.status === 0
}

function workspaces() {
  return ['packages', 'apps'].flatMap((dir) => (existsSync(join(root, dir)) ? readdirSync(join(root, dir)).map((name) => join(root, dir, name)) : []))
}

function summarize() {
  const totals = { passed: 0, failed: 0, skipped: 0 }
  for (const ws of workspaces()) {
    const file = join(ws, '.vitest-results.json')
    if (!existsSync(file)) continue
    const r = JSON.parse(readFileSync(file, 'utf8'))
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
    console.log(`  ${ws.slice(root.length + 1).padEnd(36)} ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`)
    totals.passed += r.numPassedTests
    totals.failed += r.numFailedTests
    totals.skipped += skipped
    for (const file of r.testResults ?? []) {
      const where = file.name.startsWith(`${ws}/`) ? file.name.slice(ws.length + 1) : file.name
      const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed')
      // A file that failed before any test ran (an import or a hook) has no failed assertion: its message says why.
      if (failed.length === 0 && file.status === 'failed') failures.push(`${where}: ${firstLine(file.message)}`)
      for (const t of failed) failures.push(`${where} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`)
    }
  }
  return totals
}

const failures = []
const firstLine = (text) =>
  String(text ?? '')
    .split('\n')
    .find((l) => l.trim()) ?? ''

const started = Date.now()
ensureNpm()
ensureDebian(DEBIAN)
for (const ws of workspaces()) rmSync(join(ws, '.vitest-results.json'), { force: true })

const ok = {
  // The formatter and the linter (Biome: one binary) over the whole tree, before anything is built.
  lint: step('lint and format', 'npx', ['biome', 'check', '.']),
  build: step('build', 'npx', ['turbo', 'run', 'build', '--output-logs=errors-only']),
}
ok.checks = ok.build && step('typecheck, test, lint:package', 'npx', ['turbo', 'run', 'typecheck', 'test', 'lint:package', '--continue', '--concurrency=2'])
ok.size = ok.build && step('size-limit', 'npx', ['size-limit'])
// The README's quick start must stay true: the demo runs as a test and fails on any surprise.
ok.demo = ok.build && step('demo', 'node', ['scripts/demo.mjs'])

console.log('\nTest results:')
const totals = summarize()
// The failing tests, by name, at the very end of the log: the part of a CI log that is always kept.
if (failures.length) console.log(`\nFailed tests:\n${failures.map((f) => `  ${f.slice(0, 400)}`).join('\n')}`)
const failedSteps = Object.entries(ok)
  .filter(([, v]) => !v)
  .map(([k]) => k)
console.log(`Took ${((Date.now() - started) / 1000).toFixed(1)} s${failedSteps.length ? `; failed steps: ${failedSteps.join(', ')}` : ''}`)
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(failedSteps.length || totals.failed ? 1 : 0)
