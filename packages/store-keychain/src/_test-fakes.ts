/** Test helpers shared by the unit tests. Not part of the build. */
import type { KeychainBackend } from './types.js'

/** An in-memory keychain; `limitBytes` refuses longer secrets (UTF-16) as Windows does. */
export interface FakeBackend extends KeychainBackend {
  /** `<service>\n<account>` → secret. */
  entries: Map<string, string>
  /** Every call, `get <service> / <account>`. */
  calls: string[]
}

export function fakeBackend(options: { limitBytes?: number } = {}): FakeBackend {
  const entries = new Map<string, string>()
  const calls: string[] = []
  const k = (service: string, account: string): string => `${service}\n${account}`
  return {
    entries,
    calls,
    async get(service, account) {
      calls.push(`get ${service} / ${account}`)
      return entries.get(k(service, account)) ?? null
    },
    async set(service, account, secret) {
      calls.push(`set ${service} / ${account}`)
      if (options.limitBytes !== undefined && Buffer.byteLength(secret, 'utf16le') > options.limitBytes) {
        throw new Error(`Attribute 'password' is longer than platform limit of ${options.limitBytes} chars`)
      }
      entries.set(k(service, account), secret)
    },
    async delete(service, account) {
      calls.push(`delete ${service} / ${account}`)
      return entries.delete(k(service, account))
    },
  }
}

/** A keychain that never answers (a hung D-Bus), counting the calls it swallowed. */
export function hangingBackend(): KeychainBackend & { calls: number } {
  const never = <T>(): Promise<T> => new Promise<T>(() => {})
  const backend = {
    calls: 0,
    get: () => (backend.calls++, never<string | null>()),
    set: () => (backend.calls++, never<void>()),
    delete: () => (backend.calls++, never<boolean>()),
  }
  return backend
}

/** A keychain whose every call fails with `message`, as the native module would. */
export function failingBackend(message: string): KeychainBackend {
  const fail = async (): Promise<never> => {
    throw new Error(message)
  }
  return { get: fail, set: fail, delete: fail }
}

export const silent = { debug() {}, info() {}, warn() {}, error() {} }
