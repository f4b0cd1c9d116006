// What `npm run bench` prints and keeps: one table per section (case beside its reference, the
// ratio of the medians) and bench/results.json with every row, its samples' stats and the
// machine it ran on. Node built-ins only.
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname } from 'node:path'

const rows = []

const fmt = (x) => (x === undefined ? '' : x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toPrecision(2))

/** Prints a section's heading and the table's header. */
export function heading(section, text, unit = 'ms') {
  console.log(`\n== ${section}: ${text}`)
  console.log(`  ${'case'.padEnd(46)} ${'median'.padStart(8)} ${'p90'.padStart(8)}   ${'reference'.padEnd(34)} ${'median'.padStart(8)} ${'p90'.padStart(8)} ${'ratio'.padStart(7)}  (${unit})`)
}

/**
 * Records and prints one measured row: `m` is what measure.alternate returned; `extra` holds
 * any other figures of the row (printed after the ratio as `key value`).
 */
export function row(section, { name, reference, env = 'clean', unit = 'ms', m, extra = {} }) {
  rows.push({ section, name, reference, env, unit, case: m.case, ref: m.ref, ratio: round(m.ratio, 3), pairRatio: round(m.pairRatio, 3), ...extra })
  const notes = Object.entries(extra)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? round(v, 1) : v}`)
    .join(', ')
  console.log(
    `  ${name.padEnd(46)} ${fmt(m.case.median).padStart(8)} ${fmt(m.case.p90).padStart(8)}   ${reference.padEnd(34)} ${fmt(m.ref.median).padStart(8)} ${fmt(m.ref.p90).padStart(8)} ${`${m.ratio >= 0.1 ? m.ratio.toFixed(2) : m.ratio.toPrecision(2)}x`.padStart(7)}${notes ? `  ${notes}` : ''}`,
  )
}

/** Records and prints a row that could not be measured here, and why. */
export function skip(section, name, why) {
  rows.push({ section, name, skipped: why })
  console.log(`  ${name.padEnd(46)} skipped: ${why}`)
}

/** Records a free-form note for the section (a figure that has no reference of its own). */
export function note(section, text, data = {}) {
  rows.push({ section, note: text, ...data })
  console.log(`  ${text}`)
}

/** Records a row another module printed itself (bundles, footprint: sizes, no pairs). */
export function record(section, r) {
  rows.push({ section, ...r })
}

/** Writes every row recorded so far to `file` (bench/results.json), with the machine's facts. */
export function writeResults(file, meta) {
  mkdirSync(dirname(file), { recursive: true })
  const doc = { node: process.version, platform: `${process.platform}-${process.arch}`, cores: availableParallelism(), date: new Date().toISOString(), ...meta, results: rows }
  writeFileSync(file, `${JSON.stringify(doc, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? round(v, 3) : v), 2)}\n`)
}

function round(x, digits) {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
