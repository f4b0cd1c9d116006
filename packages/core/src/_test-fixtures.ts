/** Test helpers shared by the unit tests. Not part of the build. */
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Credential, CredentialKey, CredentialStore, Logger } from './model/types.js'

export function makeCredential(overrides: Partial<Credential> = {}): Credential {
  return {
    accessToken: 'access-token-value-1',
    tokenType: 'Bearer',
    scopes: ['openid'],
    account: { login: 'alice' },
    flow: 'device',
    obtainedAt: 1_000,
    ...overrides,
  }
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

/** A store wrapper counting calls, over any store. */
export function countingStore(inner: CredentialStore): CredentialStore & { calls: { get: number; set: number } } {
  const calls = { get: 0, set: 0 }
  return {
    kind: inner.kind,
    calls,
    get: (key: CredentialKey) => {
      calls.get++
      return inner.get(key)
    },
    set: (key: CredentialKey, value: Credential) => {
      calls.set++
      return inner.set(key, value)
    },
    delete: (key: CredentialKey) => inner.delete(key),
    list: () => inner.list(),
  }
}

/** A fresh temp folder per call; `cleanup` removes every folder made so far. */
export function tempDirs(): { make: () => Promise<string>; cleanup: () => Promise<void> } {
  const made: string[] = []
  return {
    make: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'core-test-'))
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

/** A logger that records every line. */
export function recordingLogger(): Logger & { lines: string[] } {
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
