// The measuring core's own checks (no timing is asserted: sample functions return set values).
//   node --test scripts/bench/
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { alternate, spawnTimer, stats } from './measure.mjs'

test('stats: min, median (odd and even counts), p90 by nearest rank', () => {
  assert.deepEqual(stats([5, 1, 3]), { n: 3, min: 1, median: 3, p90: 5 })
  assert.equal(stats([4, 1, 3, 2]).median, 2.5)
  assert.equal(stats(Array.from({ length: 20 }, (_, i) => i + 1)).p90, 18)
  assert.equal(stats(Array.from({ length: 10 }, (_, i) => i + 1)).p90, 9)
})

test('alternate: warm-up pairs dropped, order flips every pair, samples go to their side', async () => {
  const calls = []
  let c = 0
  let r = 0
  const run = () => (calls.push('case'), 100 + c++)
  const ref = async () => (calls.push('ref'), 10 + r++)
  const before = []
  const m = await alternate(run, ref, { runs: 4, warmup: 2, before: (which, i) => before.push(`${which}${i}`) })
  assert.deepEqual(calls, ['case', 'ref', 'ref', 'case', 'case', 'ref', 'ref', 'case', 'case', 'ref', 'ref', 'case'])
  assert.deepEqual(before, ['case0', 'ref0', 'ref1', 'case1', 'case2', 'ref2', 'ref3', 'case3', 'case4', 'ref4', 'ref5', 'case5'])
  // Case samples 102..105 and ref samples 12..15 after the two warm-up pairs.
  assert.deepEqual(m.case, { n: 4, min: 102, median: 103.5, p90: 105 })
  assert.deepEqual(m.ref, { n: 4, min: 12, median: 13.5, p90: 15 })
  assert.equal(m.ratio, 103.5 / 13.5)
  assert.equal(m.pairRatio, stats([102 / 12, 103 / 13, 104 / 14, 105 / 15]).median)
})

test('spawnTimer: a sample per run; a failing process or unexpected output throws', () => {
  const env = { PATH: process.env.PATH }
  assert.equal(typeof spawnTimer([process.execPath, '-e', 'process.stdout.write("ok\\n")'], env, { expect: /^ok\n$/ })(), 'number')
  assert.throws(spawnTimer([process.execPath, '-e', 'process.exit(3)'], env), /exited 3/)
  assert.throws(spawnTimer([process.execPath, '-e', 'process.stdout.write("no")'], env, { expect: /^ok/ }), /printed "no"/)
})
