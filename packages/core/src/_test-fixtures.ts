/** Test helpers shared by the unit tests. Not part of the build. */
import type { Credential, CredentialKey, CredentialStore } from './types.js'

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
  return { now: () => t, advance: (ms) => { t += ms }, set: (v) => { t = v } }
}

/** A store wrapper counting calls, over any store. */
export function countingStore(inner: CredentialStore): CredentialStore & { calls: { get: number; set: number } } {
  const calls = { get: 0, set: 0 }
  return {
    kind: inner.kind,
    calls,
    get: (key: CredentialKey) => { calls.get++; return inner.get(key) },
    set: (key: CredentialKey, value: Credential) => { calls.set++; return inner.set(key, value) },
    delete: (key: CredentialKey) => inner.delete(key),
    list: () => inner.list(),
  }
}
