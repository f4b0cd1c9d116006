// Development-only routes for scripts and other processes (the demo, black-box tests):
// mint PATs, read counters, approve or deny device codes. Loopback only; no auth.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Counters } from './_counters.js'
import { HttpError, readJsonObject, sendJson } from './_http.js'
import type { PatStore } from './_pats.js'
import type { ApproveDeviceOptions, MintPatOptions } from './types.js'

/** What the dev routes need from the server. */
export interface DevRouteContext {
  readonly port: number
  readonly pats: PatStore
  readonly counters: Counters
  approveDevice(userCode: string, options: ApproveDeviceOptions): Promise<void>
  denyDevice(userCode: string): Promise<void>
}

type Handler = (req: IncomingMessage, ctx: DevRouteContext) => Promise<[number, unknown]>

const ROUTES: Record<string, Handler> = {
  'POST /_dev/pats': mintPat,
  'DELETE /_dev/pats': revokePat,
  'GET /_dev/counters': async (_req, ctx) => [200, ctx.counters.snapshot()],
  'DELETE /_dev/counters': async (_req, ctx) => {
    ctx.counters.reset()
    return [200, {}]
  },
  'POST /_dev/device/approve': approveDevice,
  'POST /_dev/device/deny': denyDevice,
}

/** Answers a request under `/_dev/`. */
export async function handleDev(req: IncomingMessage, res: ServerResponse, url: URL, ctx: DevRouteContext): Promise<void> {
  assertLoopbackHost(req.headers.host, ctx.port)
  const handler = ROUTES[`${req.method} ${url.pathname}`]
  if (handler === undefined) throw new HttpError(404, 'not_found', `no dev route ${req.method} ${url.pathname}`)
  const [status, body] = await handler(req, ctx)
  sendJson(res, status, body)
}

/** Refuses a Host other than this server's loopback address (DNS rebinding). */
function assertLoopbackHost(host: string | undefined, port: number): void {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]
  if (host === undefined || !allowed.includes(host.toLowerCase())) {
    throw new HttpError(403, 'forbidden', 'dev routes answer loopback Host headers only')
  }
}

async function mintPat(req: IncomingMessage, ctx: DevRouteContext): Promise<[number, unknown]> {
  const { login, scopes = [], ...rest } = await readJsonObject(req)
  // PatStore.mint checks every field; the cast only gets the JSON through to it
  const options = { login, scopes, ...pick(rest, ['name', 'email', 'expiresIn']) } as MintPatOptions
  try {
    return [201, { token: ctx.pats.mint(options) }]
  } catch (error) {
    throw new HttpError(400, 'invalid_request', (error as Error).message)
  }
}

function pick(body: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => body[key] !== undefined).map((key) => [key, body[key]]))
}

async function revokePat(req: IncomingMessage, ctx: DevRouteContext): Promise<[number, unknown]> {
  const token = stringField(await readJsonObject(req), 'token')
  return [200, { revoked: ctx.pats.revoke(token) }]
}

async function approveDevice(req: IncomingMessage, ctx: DevRouteContext): Promise<[number, unknown]> {
  const body = await readJsonObject(req)
  const login = body['login']
  const options: ApproveDeviceOptions = typeof login === 'string' ? { login } : {}
  await deviceAction(() => ctx.approveDevice(stringField(body, 'user_code'), options))
  return [200, { approved: true }]
}

async function denyDevice(req: IncomingMessage, ctx: DevRouteContext): Promise<[number, unknown]> {
  const body = await readJsonObject(req)
  await deviceAction(() => ctx.denyDevice(stringField(body, 'user_code')))
  return [200, { denied: true }]
}

async function deviceAction(action: () => Promise<void>): Promise<void> {
  try {
    await action()
  } catch (error) {
    throw new HttpError(400, 'invalid_request', (error as Error).message)
  }
}

function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  if (typeof value !== 'string' || value === '') throw new HttpError(400, 'invalid_request', `"${name}" must be a non-empty string`)
  return value
}
