import { AuthError, NotFoundError, type Auth, type SessionCredential } from '@auth/core'
import { DOCKER_MISSING_SERVER_URL, DOCKER_NOT_FOUND, goJson, parseDockerStore, readServerUrl } from './docker-protocol.js'
import { matchesServer, serverAddress } from './match-server.js'

/** Options of {@link serveDockerCredential}. */
export interface DockerCredentialOptions {
  /** The product's session (`createAuth`): its host is the one server this helper serves. */
  auth: Auth
  /** The user name docker gets when the account is not known (client credentials, the env token). Default `x-access-token`. */
  tokenUsername?: string
  /** The product's login command, named when `store` is refused: `mycli auth login`. */
  loginCommand?: string
}

/** What to write to stdout, and the exit code (docker reads both). */
export interface DockerCredentialAnswer {
  stdout: string
  exitCode: 0 | 1
}

/** The default user name next to a token whose account is not known. */
export const DOCKER_TOKEN_USERNAME = 'x-access-token'

/**
 * Answers one docker credential-helper call (`docker-credential-<name> get|store|erase|list`)
 * for the session's host, with the bytes docker's own helpers write:
 * - `get` (stdin: the server URL): for the session's server only ({@link matchesServer}: exact
 *   `host[:port]`, https or loopback http), the access token (renewed first when needed, never a
 *   login) as `Secret`, the account as `Username`; anything else is `credentials not found in
 *   native keychain`, exit 1, so docker goes on without.
 * - `store` (stdin: `{"ServerURL","Username","Secret"}`): the login owns the credential. The token
 *   this helper handed out (docker stores what `docker login` used) is accepted and changes
 *   nothing; any other secret, or another server, is refused (exit 1), so `docker login -p` never
 *   replaces the login with a password docker was typed.
 * - `erase` (stdin: the server URL): for the session's server, logs out (`auth.logout()`: revoked
 *   and forgotten everywhere, as `docker logout` expects the credential gone); another server: not found.
 * - `list`: `{"host[:port]":"account"}` when a credential is stored, else `{}`; offline.
 * @throws AuthError when a renewal or a store fails (exit 4, 5, 6): not a "not found".
 * @see https://github.com/docker/docker-credential-helpers (credentials/credentials.go)
 * @example
 * ```ts
 * const { stdout, exitCode } = await serveDockerCredential('get', 'registry.example.com', { auth })
 * process.stdout.write(stdout); process.exitCode = exitCode
 * ```
 */
export async function serveDockerCredential(operation: string, input: string, options: DockerCredentialOptions): Promise<DockerCredentialAnswer> {
  const { auth } = options
  if (operation === 'list') return listed(options)
  if (operation === 'store') return stored(input, options)
  if (operation !== 'get' && operation !== 'erase') return fail(`Unknown credential action \`${operation.replace(/[^\x20-\x7e]/g, '?').slice(0, 40)}\``)
  const server = readServerUrl(input)
  if (server === undefined) return fail(DOCKER_MISSING_SERVER_URL)
  if (!matchesServer(server, auth.host)) return fail(DOCKER_NOT_FOUND)
  if (operation === 'erase') return erased(auth)
  const current = await inForce(auth)
  if (!current) return fail(DOCKER_NOT_FOUND)
  return { stdout: goJson({ ServerURL: server, Username: usernameOf(current, options), Secret: current.credential.accessToken }), exitCode: 0 }
}

async function listed(options: DockerCredentialOptions): Promise<DockerCredentialAnswer> {
  const current = await options.auth.stored()
  return { stdout: goJson(current ? { [serverAddress(options.auth.host)]: usernameOf(current, options) } : {}), exitCode: 0 }
}

async function stored(input: string, options: DockerCredentialOptions): Promise<DockerCredentialAnswer> {
  const request = parseDockerStore(input)
  if ('error' in request) return fail(request.error)
  const refused = `this helper hands out the login for ${serverAddress(options.auth.host)} and stores nothing else${options.loginCommand === undefined ? '' : `; log in with \`${options.loginCommand}\``}`
  if (!matchesServer(request.ServerURL, options.auth.host)) return fail(refused)
  const current = await options.auth.stored()
  return current !== undefined && current.credential.accessToken === request.Secret ? { stdout: '', exitCode: 0 } : fail(refused)
}

async function erased(auth: Auth): Promise<DockerCredentialAnswer> {
  try {
    await auth.logout()
    return { stdout: '', exitCode: 0 }
  } catch (error) {
    if (AuthError.isInstance(error) && error.code === 'LOGIN_REQUIRED') return fail(DOCKER_NOT_FOUND)
    throw error
  }
}

/** The session's credential (renewed when needed), or `undefined` when nothing is stored (a renewal that fails still throws). */
async function inForce(auth: Auth): Promise<SessionCredential | undefined> {
  try {
    return await auth.getCredential({ noLogin: true })
  } catch (error) {
    if (AuthError.isInstance(error) && NotFoundError.isInstance(error.cause)) return undefined
    throw error
  }
}

function usernameOf({ credential, key }: SessionCredential, options: DockerCredentialOptions): string {
  const account = key?.account
  const known = account !== undefined && account !== 'default' && credential.flow !== 'client-credentials'
  return known ? account : (options.tokenUsername ?? DOCKER_TOKEN_USERNAME)
}

function fail(message: string): DockerCredentialAnswer {
  return { stdout: `${message}\n`, exitCode: 1 }
}
