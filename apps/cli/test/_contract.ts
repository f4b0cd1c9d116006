// Helpers of the contract tests (test/contract*.test.ts): one temp HOME and config folder per
// test, the BUILT binary, the real dev server (started by each file), no terminal, no D-Bus.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { baseEnv, BIN, ok, run, runAsync, type Running, type RunResult } from './_run.js'

export { BIN, ok, type RunResult }

/** A temp HOME and config folder, and `authcli` run in them. */
export interface Sandbox {
  dir: string
  home: string
  configDir: string
  /** Runs `authcli ARGS` with the sandbox's environment plus `env` (`AUTHCLI_STORE=file` unless `env` says otherwise). */
  authcli(args: string[], options?: { input?: string; env?: Record<string, string> }): Promise<RunResult>
  /** Starts `authcli ARGS` without waiting. */
  start(args: string[], options?: { input?: string; env?: Record<string, string> }): Running
  /** The environment a run gets. */
  env(extra?: Record<string, string>): Record<string, string>
  file(name: string): string
  read(name: string): Promise<string>
  cleanup(): Promise<void>
}

/** Makes a {@link Sandbox}; `defaults` go into every run's environment. */
export async function sandbox(defaults: Record<string, string> = { AUTHCLI_STORE: 'file' }): Promise<Sandbox> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npx tsup' in apps/cli (npm test does it)`)
  const dir = await mkdtemp(join(tmpdir(), 'authcli-contract-'))
  const home = join(dir, 'home')
  const configDir = join(dir, 'config')
  await mkdir(home)
  const env = (extra: Record<string, string> = {}) => baseEnv(home, configDir, { ...defaults, ...extra })
  return {
    dir,
    home,
    configDir,
    env,
    authcli: (args, options = {}) => run(env(options.env), args, options.input),
    start: (args, options = {}) => runAsync(env(options.env), args, options.input),
    file: (name) => join(configDir, name),
    read: (name) => readFile(join(configDir, name), 'utf8'),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  }
}

/** What {@link contractSuite} gives a contract file: the dev server, and the current test's sandbox. */
export interface ContractSuite {
  readonly server: DevServer
  /** The test's sandbox; a `beforeEach` may replace it (`t.box = await sandbox({})`), the new one is cleaned up after the test. */
  box: Sandbox
}

/**
 * Registers the hooks every contract file opens with: the dev server for the file (device
 * codes polled every 50 ms), a fresh {@link sandbox} per test, cleaned up after it.
 *
 * @example
 * const t = contractSuite()
 * ok(await t.box.authcli(['auth', 'status'], {}))
 */
export function contractSuite(): ContractSuite {
  let server: DevServer | undefined
  let box: Sandbox | undefined
  beforeAll(async () => void (server = await startDevServer({ port: 0, deviceInterval: 0.05 })))
  afterAll(() => server?.close())
  beforeEach(async () => void (box = await sandbox()))
  afterEach(() => box?.cleanup())
  return {
    get server() {
      if (server === undefined) throw new Error('contractSuite: the dev server has not started')
      return server
    },
    get box() {
      if (box === undefined) throw new Error('contractSuite: the sandbox exists only inside a test')
      return box
    },
    set box(value) {
      box = value
    },
  }
}

/** Expects `code`, and an `error[CODE]: ...` line (or its JSON form) on stderr; returns the result. */
export function fails(result: RunResult, code: number, errorCode?: string | RegExp): RunResult {
  expect(result.code, `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(code)
  if (errorCode !== undefined) {
    const codes = [...result.stderr.matchAll(/^error\[([A-Z_]+)\]: /gm), ...result.stderr.matchAll(/"error":\{"code":"([A-Z_]+)"/g)].map((m) => m[1])
    expect(codes, result.stderr).toContainEqual(typeof errorCode === 'string' ? errorCode : expect.stringMatching(errorCode))
  }
  return result
}

/** The profile URL of the dev server's API (validates PATs, fills `whoami`). */
export const profileUrl = (server: DevServer) => `${server.issuer}/api/v1/profile`

/** Logs in with a PAT for `login`; returns the token. */
export async function patLogin(box: Sandbox, server: DevServer, login = 'alice', extra: string[] = [], env: Record<string, string> = {}): Promise<string> {
  const token = server.mintPat({ login, scopes: ['api:read'] })
  ok(await box.authcli(['auth', 'login', '--host', server.issuer, '--token-stdin', '--profile-url', profileUrl(server), ...extra], { input: token, env }))
  return token
}

/** Logs in with the device flow (the code read from `--json` stdout, approved as `login`). */
export async function deviceLogin(box: Sandbox, server: DevServer, login = 'erin', extra: string[] = [], env: Record<string, string> = {}): Promise<RunResult> {
  const running = box.start(['auth', 'login', '--host', server.issuer, '--device', '--json', ...extra], { env })
  const code = JSON.parse(await running.nextLine()) as { user_code: string }
  await server.approveDevice(code.user_code, { login })
  return ok(await running.done)
}

/** Logs in as the confidential client with `scopes`. */
export async function clientLogin(box: Sandbox, server: DevServer, scopes = ['api:read'], extra: string[] = []): Promise<RunResult> {
  return ok(
    await box.authcli(['auth', 'login', '--host', server.issuer, '--client-credentials', '--client-id', server.clients.confidential.clientId, ...scopes.flatMap((s) => ['--scope', s]), ...extra], {
      env: { AUTHCLI_CLIENT_SECRET: server.clients.confidential.clientSecret },
    }),
  )
}

/** What the dev server's API says about `token` (`null` when it refuses it). */
export async function whoIs(server: DevServer, token: string): Promise<{ login: string; scopes: string[]; clientId?: string } | null> {
  const response = await fetch(profileUrl(server), { headers: { authorization: `Bearer ${token}` } })
  return response.ok ? ((await response.json()) as { login: string; scopes: string[] }) : null
}

/** A loopback port with nothing listening on it. */
export async function deadPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** The stored credentials of the file store, as `{ "host#account": credential }`. */
export async function fileCredentials(box: Sandbox): Promise<Record<string, { accessToken: string; refreshToken?: string; expiresAt?: number }>> {
  return (JSON.parse(await box.read('credentials')) as { credentials: Record<string, { accessToken: string }> }).credentials
}
