// password-jwt: a product that adds its own login Flow to createAuth, without forking anything.
// `pwcli login` trades a username and password for a short-lived JWT at the product's own endpoint
// (POST /api/v1/session). The username comes from PWCLI_USERNAME or `username=` in ~/.pwclirc; the
// password only from PWCLI_PASSWORD or a prompt, never from the rc file. Nothing is cached (a
// memory store) unless PWCLI_TOKEN_CACHE_DIR names a folder (empty: off). PWCLI_TOKEN takes a
// personal access token; a PAT created without scopes is explained when the API refuses it (403).
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  AuthenticationError,
  AuthError,
  ConfigError,
  createAuth,
  createMemoryStore,
  createTerminalPrompter,
  ErrorCode,
  fromFetchError,
  registerSecret,
  type Credential,
  type Flow,
  type LoginContext,
} from '@auth/core'
import { createFlowFetch, isRecord, readJsonResponse, sanitizeText } from '@auth/core/kit'
import { createFileStore } from '@auth/store-file'

const env = process.env
const host = env.PWCLI_HOST ?? 'https://api.example.com'
const say = (line: string) => void process.stderr.write(`${line}\n`)
const loginNeeded = (message: string, hint: string) => new AuthenticationError(message, { code: ErrorCode.LOGIN_REQUIRED, hint })

/** `username=NAME` from ~/.pwclirc; a `password=` line there is ignored, and said. */
async function rcUsername(): Promise<string | undefined> {
  const text = await readFile(env.PWCLI_RC ?? join(homedir(), '.pwclirc'), 'utf8').catch(() => '')
  const entries = new Map(text.split('\n').map((line) => [line.split('=')[0]?.trim(), line.split('=').slice(1).join('=').trim()] as const))
  if (entries.has('password')) say('warning: ~/.pwclirc holds a password; pwcli never reads it from there: remove that line')
  return entries.get('username') || undefined
}

/** The product's own Flow: username + password → a short-lived JWT. */
const passwordFlow: Flow = {
  kind: 'password',
  async login(ctx: LoginContext): Promise<Credential> {
    const username = env.PWCLI_USERNAME || (await rcUsername())
    if (!username) throw loginNeeded('no username', 'set PWCLI_USERNAME, or add username=NAME to ~/.pwclirc')
    if (!/^[^\s\p{C}]{1,128}$/u.test(username)) throw new ConfigError('the username (PWCLI_USERNAME or ~/.pwclirc) is not a user name', { hint: 'fix it: no spaces or control characters' })
    const password = env.PWCLI_PASSWORD || (ctx.interactive && ctx.prompter ? await ctx.prompter.text(`Password for ${username}:`, { secret: true }) : '')
    if (!password) throw loginNeeded(`no password for ${username}`, 'set PWCLI_PASSWORD, or run pwcli in a terminal to be asked')
    registerSecret(password)
    const fetch = createFlowFetch({ fetch: ctx.fetch, logger: ctx.logger, signal: ctx.signal })
    const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }
    const response = await fetch(`${host}/api/v1/session`, request).catch((error: unknown) => Promise.reject(fromFetchError(error)))
    const json = await readJsonResponse(response, { where: 'the session endpoint' })
    const body: Record<string, unknown> = isRecord(json) ? json : {}
    if (response.status === 401) throw new AuthenticationError(`${host} refused the password for ${username}`, { code: ErrorCode.INVALID_TOKEN, hint: 'check PWCLI_USERNAME and PWCLI_PASSWORD' })
    if (!response.ok || typeof body.token !== 'string' || typeof body.expires_in !== 'number') {
      throw new AuthError(`the session endpoint answered HTTP ${response.status}: ${sanitizeText(body.error_description ?? 'no token')}`, { code: ErrorCode.BAD_RESPONSE, exitCode: 5 })
    }
    const now = (ctx.now ?? Date.now)()
    return { accessToken: body.token, tokenType: 'Bearer', expiresAt: now + body.expires_in * 1000, scopes: [], account: { login: username }, flow: 'password', obtainedAt: now }
  },
}

async function main(): Promise<void> {
  const {
    positionals: [command, path],
  } = parseArgs({ allowPositionals: true })
  const cacheDir = env.PWCLI_TOKEN_CACHE_DIR
  const auth = createAuth({
    name: 'pwcli',
    host,
    dir: cacheDir || join(homedir(), '.pwcli'),
    flows: [passwordFlow],
    stores: cacheDir ? [createFileStore({ dir: cacheDir, fileName: 'token-cache.json' })] : [createMemoryStore()],
    // With the password in the environment nobody needs to be there: a new JWT is fetched when needed.
    interactive: Boolean(env.PWCLI_PASSWORD) || Boolean(process.stdin.isTTY && process.stderr.isTTY),
    loginCommand: 'pwcli login',
    // Core's terminal prompter: on stderr, nothing typed is echoed, Ctrl-C is CANCELLED (exit 130).
    context: { prompter: createTerminalPrompter(), output: { info: say, warn: (message) => say(`warning: ${message}`) } },
  })
  if (command === 'login') {
    const { credential } = await auth.login()
    say(`Logged in as ${credential.account.login} until ${new Date(credential.expiresAt ?? 0).toISOString()}${cacheDir ? '' : ' (not cached: set PWCLI_TOKEN_CACHE_DIR to keep it)'}`)
  } else if (command === 'token') console.log(await auth.getAccessToken())
  else if (command === 'logout') await auth.logout({ revoke: false })
  else if (command === 'api' && path) {
    const response = await auth.fetch(path)
    if (response.status === 403) {
      const scopes = response.headers.get('x-oauth-scopes')
      throw new AuthenticationError(`${path}: HTTP 403, the token ${scopes ? `has the scopes ${sanitizeText(scopes, 100)}` : 'has no scopes'}`, {
        code: ErrorCode.INSUFFICIENT_SCOPE,
        hint: `a personal access token needs a scope to be used at all: create one with ${sanitizeText(response.headers.get('x-accepted-oauth-scopes') ?? 'api:read', 100)}`,
      })
    }
    console.log(await response.text())
  } else throw new ConfigError(`unknown command "${[command, path].filter(Boolean).join(' ')}"`, { code: ErrorCode.USAGE_ERROR, hint: 'pwcli login|token|logout, pwcli api PATH' })
}

try {
  await main()
} catch (error) {
  const e = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? new ConfigError((error as Error).message, { code: ErrorCode.USAGE_ERROR }) : error
  if (!AuthError.isInstance(e)) throw e
  say(`error[${e.code}]: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`)
  process.exitCode = e.exitCode
}
