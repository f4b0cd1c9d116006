// Fixtures the unit and integration tests of every workspace share. They depend on no package of
// ours (core's own tests use them), so the shapes they take and give are structural: a
// credential, a store and a logger as @auth/core defines them.
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const CREDENTIAL = {
  accessToken: 'access-token-value-1',
  tokenType: 'Bearer',
  scopes: ['openid'],
  account: { login: 'alice' },
  flow: 'device',
  obtainedAt: 1_000,
}

/** The fields every test credential has, unless overridden. */
export type TestCredential = typeof CREDENTIAL

/**
 * A credential (`alice`, a device-flow bearer token obtained at t=1000) with `overrides` on top:
 * assignable to core's `Credential` wherever the overrides are.
 *
 * @example
 * await store.set(key, makeCredential({ accessToken: 'token-of-bob-1', account: { login: 'bob' } }))
 */
export function makeCredential(): TestCredential
export function makeCredential<O extends object>(overrides: O): Omit<TestCredential, keyof O> & O
export function makeCredential(overrides: object = {}): object {
  return { ...CREDENTIAL, account: { ...CREDENTIAL.account }, scopes: [...CREDENTIAL.scopes], ...overrides }
}

/** The i-th credential a writer process saves: the token grows with i and encodes it, so a torn or mixed file shows. */
export function credentialFor(i: number) {
  return makeCredential({ accessToken: `token-${i}-${'x'.repeat(100 + i * 8)}-end`, scopes: ['api:read', `n${i}`], account: { login: 'writer' }, flow: 'pat', obtainedAt: i })
}

/** A small credential for process `index`, save `j` (the concurrent-save tests). */
export function savedCredential(index: number, j: number) {
  return makeCredential({ accessToken: `token-${index}-${j}`, scopes: ['api:read'], account: { login: `p${index}` }, flow: 'pat', obtainedAt: j })
}

/** A promise with its resolve/reject handles, to control when a provider answers. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** A clock the test moves by hand. */
export function manualClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void; set: (t: number) => void } {
  let t = start
  return {
    now: () => t,
    advance: (ms) => {
      t += ms
    },
    set: (v) => {
      t = v
    },
  }
}

/** What {@link countingStore} wraps: core's `CredentialStore`, its key and credential types left open. */
export interface StoreLike<K, C> {
  readonly kind: string
  get(key: K): Promise<C | undefined>
  set(key: K, value: C): Promise<void>
  delete(key: K): Promise<boolean>
  list(): Promise<K[]>
}

/** A store wrapper counting `get` and `set` calls, over any store (its `probe` left out). */
export function countingStore<K, C>(inner: StoreLike<K, C>): StoreLike<K, C> & { calls: { get: number; set: number } } {
  const calls = { get: 0, set: 0 }
  return {
    kind: inner.kind,
    calls,
    get: (key: K) => {
      calls.get++
      return inner.get(key)
    },
    set: (key: K, value: C) => {
      calls.set++
      return inner.set(key, value)
    },
    delete: (key: K) => inner.delete(key),
    list: () => inner.list(),
  }
}

/**
 * A fresh temp folder per `make()`; `cleanup` removes every folder made so far.
 *
 * @example
 * const dirs = tempDirs()
 * afterAll(dirs.cleanup)
 * const dir = await dirs.make()
 */
export function tempDirs(prefix = 'auth-test-'): { make: () => Promise<string>; cleanup: () => Promise<void> } {
  const made: string[] = []
  return {
    make: async () => {
      const dir = await mkdtemp(join(tmpdir(), prefix))
      made.push(dir)
      return dir
    },
    cleanup: async () => {
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
    },
  }
}

/** The pid of a process that has exited (and been reaped). */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0'])
  if (child.pid === undefined) throw new Error('could not spawn node')
  return child.pid
}

/** A logger (core's `Logger`) that records every line as `level: message`. */
export function recordingLogger(): { lines: string[]; debug(message: string): void; info(message: string): void; warn(message: string): void; error(message: string): void } {
  const lines: string[] = []
  const log = (level: string) => (message: string) => {
    lines.push(`${level}: ${message}`)
  }
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise
  } catch (error) {
    return error as Error & Record<string, unknown>
  }
  throw new Error('expected a rejection')
}

export const isRoot = process.getuid?.() === 0
export const isWindows = process.platform === 'win32'
