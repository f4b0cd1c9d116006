/**
 * The session's public shapes: what {@link createAuth} takes and the object it returns.
 * Types only; nothing here runs.
 */
import type { ProductHints } from '../errors/auth-error.js'
import type { Credential, CredentialKey, CredentialStore, Flow, LoginContext, RuntimeOptions } from '../model/types.js'

/**
 * Finds the flow that logs in, renews or revokes. A product passes its flows as an array; a CLI
 * that loads flows lazily (or configures them from what a credential recorded: issuer, client)
 * passes a function. `credential` and its `key` are set when renewing or revoking that credential.
 */
export type FlowResolver = (kind: string | undefined, credential?: Credential, key?: CredentialKey) => Flow | undefined | Promise<Flow | undefined>

/** Options of {@link createAuth}. Only `name`, `host`, `dir`, `flows` and `stores` are required. */
export interface AuthOptions extends RuntimeOptions {
  /**
   * The product's command name (`mycli`): it appears in hints (``run `mycli auth login` ``) and,
   * upper-cased, is the env prefix (`MYCLI_TOKEN`, `MYCLI_TENANT`) unless `envPrefix` is set.
   */
  name: string
  /**
   * The command named in "log in first" hints; default `<name> auth login`. A function gets what
   * the new login must ask for (`scopes`, when a refresh cannot widen them) and words the command
   * in the product's own flags: `({ scopes }) => \`mycli login${scopes ? scopes.map((s) => \` --scope \${s}\`).join('') : ''}\``.
   * Called with `{ begin: true }` it names the product's command that begins a login without
   * blocking (`mycli auth login --device --begin --json`; `undefined` when it has none): a
   * `LOGIN_REQUIRED` error carries it as `login.begin`, for agents and scripts.
   */
  loginCommand?: string | ((needs: { scopes?: readonly string[]; begin?: boolean }) => string | undefined)
  /** The prefix of the env vars the session reads; default `name` upper-cased, `-` as `_`. */
  envPrefix?: string
  /** The API base URL the credential is for; normalised (https, or http on loopback). */
  host: string
  /** Allow a plain `http://` host that is not loopback. Default `false`. */
  allowInsecure?: boolean
  /** Use exactly this account's credential on the host (several accounts per host). */
  account?: string
  /** Among several accounts on the host, prefer one of this flow and client (then the newest). */
  prefer?: { flow?: string; clientId?: string }
  /** The product's private folder (`~/.mycli`): refresh locks live in `<dir>/.locks`. */
  dir: string
  /** The flows, the first being the default login; or a {@link FlowResolver}. */
  flows: readonly Flow[] | FlowResolver
  /**
   * The stores, in order of preference. Reading searches every available one; a login writes to
   * the first available (`auto`, said out loud when it is not the first) or to `store`.
   */
  stores: readonly CredentialStore[]
  /** The kind of store a login writes to (fails closed when it is not available); default `auto`. */
  store?: string
  /**
   * The env token (`GH_TOKEN` style): read `<PREFIX>_TOKEN` first; it wins over every store and
   * is never stored. Default `true`; `false` turns it off; a string names another variable;
   * `{ variable?, host? }` also says which host it belongs to: with `host` set the token is used
   * only by a session for that host (normalised), so it never reaches another server.
   */
  envToken?: boolean | string | EnvTokenOptions
  /**
   * What `login` (and `beginLogin` / `resumeLogin`) does while the env token is in force for the
   * host: `'refuse'` (default: `USAGE_ERROR`, exit 2, as gh does) or `'warn'` (log in, store, then
   * say through `output.warn` that the env token overrides what was saved, as flyctl does).
   */
  loginUnderEnvToken?: 'refuse' | 'warn'
  /** The env var holding the encrypted store's key, named in the plain-text fallback warning and hints. */
  keyVariable?: string
  /** The environment; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>
  /** Renew this long before expiry, ms; default 60 000. */
  skewMs?: number
  /** How long to wait for another process that is refreshing the same credential, ms; default 30 000. */
  lockTimeoutMs?: number
  /** The tenant sent with every request (the product's flag or config); else `<PREFIX>_TENANT`, else the one captured at login. */
  tenant?: string
  /** The header carrying the tenant; default `X-Tenant`. */
  tenantHeader?: string
  /**
   * Whether `getAccessToken` may start a login when nothing usable is stored. Default: stdin and
   * stderr are terminals. Logins always need one of the flows.
   */
  interactive?: boolean
  /**
   * What flows get to talk to the user (output, prompter); `interactive`, `fetch`, `logger`,
   * `signal`, `now` come from here. `createTerminalPrompter()` is a prompter at the terminal
   * (stderr, secrets not echoed); the PAT flow falls back to it on its own.
   */
  context?: Pick<LoginContext, 'output' | 'prompter' | 'stdin'>
  /**
   * The product's own hints by `HintKey` (its flags, its words): a login error carrying a
   * key found here gets this hint instead of the package's generic one (see `applyHint`).
   * @example `{ [HintKey.CALLBACK_PORT_BUSY]: 'try --port-range 9000-9010, --port N, or --device' }`
   */
  hints?: ProductHints
}

/** Which env var holds the env token, and the host it belongs to. */
export interface EnvTokenOptions {
  /** Default `<PREFIX>_TOKEN`. */
  variable?: string
  /** The only host the token is sent to; default: any host the session is for. */
  host?: string
}

/** A credential the session handed out, and where it came from. */
export interface SessionCredential {
  credential: Credential
  /** `env:MYCLI_TOKEN`, `keychain`, `file`, ... */
  source: string
  /** The store holding it; absent for the env token or a login kept nowhere. */
  store?: CredentialStore
  /** Its key in that store. */
  key?: CredentialKey
  /** Whether it was renewed (or obtained by a login) during this call. */
  refreshed: boolean
}

/** Options of {@link Auth.getCredential} and {@link Auth.getAccessToken}. */
export interface GetCredentialOptions {
  /** Renew even if the stored token is not about to expire. */
  forceRefresh?: boolean
  /** Never start an interactive login, whatever `interactive` says. */
  noLogin?: boolean
}

/** Options of {@link Auth.login}. */
export interface AuthLoginOptions extends Partial<Pick<LoginContext, 'signal' | 'output' | 'prompter' | 'input' | 'stdin'>> {
  /** Store under this account name instead of the one the profile gives. */
  account?: string
  /** Write to this kind of store instead of the session's choice. */
  store?: string
  /** Give up after this long (ms) with `LOGIN_TIMEOUT` (exit 4); the flow is cancelled through its signal. */
  timeoutMs?: number
}

/** What {@link Auth.login} did. */
export interface AuthLoginResult {
  credential: Credential
  key: CredentialKey
  store: CredentialStore
  /** Set when `auto` fell back to an unencrypted store: one line saying why and where; already shown through `output.warn`. */
  warning?: string
  /** The env token variable (`MYCLI_TOKEN`) that is set and wins over the credential just saved; already said through `output.warn`. */
  envTokenWins?: string
}

/** Options of {@link Auth.beginLogin}. */
export interface BeginLoginOptions extends Partial<Pick<LoginContext, 'signal' | 'output'>> {
  /** Keep the pending state (and later the credential) in this kind of store instead of the session's choice. */
  store?: string
}

/**
 * What {@link Auth.beginLogin} started: what to show the user, and the handle to resume with.
 * No secret: the device code stays in the store.
 */
export interface BeginLoginResult {
  /** An opaque, non-secret id of the pending login: pass it to {@link Auth.resumeLogin}. */
  handle: string
  userCode: string
  verificationUri: string
  verificationUriComplete?: string
  /** Seconds until the code expires. */
  expiresIn: number
  /** Seconds to wait between two resumes (asking sooner sends nothing). */
  interval: number
  /** The kind of store holding the pending state (and, once done, the credential). */
  store: string
  /** How many earlier pending logins for the host this one replaced. */
  superseded: number
}

/** Options of {@link Auth.resumeLogin}. */
export interface ResumeLoginOptions extends Partial<Pick<LoginContext, 'signal' | 'output'>> {
  /** `false`: ask the server at most once and return `pending` when the user has not answered. Default `true`: until done. */
  wait?: boolean
  /** Store under this account name instead of the one the profile gives. */
  account?: string
  /** With `wait`, give up after this long (ms) with `LOGIN_TIMEOUT`; the login stays pending. */
  timeoutMs?: number
}

/** What {@link Auth.resumeLogin} found: done (stored, as {@link Auth.login}), or still pending. */
export type ResumeLoginResult =
  | ({ status: 'done' } & AuthLoginResult)
  | {
      status: 'pending'
      /** Seconds before the next resume may ask the server. */
      retryAfter: number
      /** Seconds until the code expires. */
      expiresIn: number
    }

/** Options of {@link Auth.logout}. */
export interface AuthLogoutOptions {
  /** Revoke at the server where the flow and server allow (RFC 7009); default `true`. */
  revoke?: boolean
  /** Every credential of every host in every store, and moved-aside corrupt files. */
  all?: boolean
}

/** One credential forgotten. */
export interface LoggedOut {
  host: string
  account: string
  /** The kinds of the stores it was deleted from. */
  stores: string[]
  /** Whether it was revoked at the server. */
  revoked: boolean
  /** Why it was not revoked, when a revocation was attempted and failed. */
  revokeError?: string
}

/** What {@link Auth.logout} did. */
export interface AuthLogoutResult {
  loggedOut: LoggedOut[]
  /** Moved-aside files removed (with `all`). */
  removedFiles: string[]
}

/** One stored credential as {@link Auth.status} describes it. No secrets. */
export interface CredentialStatus {
  host: string
  account: string
  flow: string
  /** The store kind holding it. */
  store: string
  /** Where the store keeps it (a path, `Secret Service`), when the store says. */
  location?: string
  expiresAt?: number
  scopes: string[]
  tenant?: string
  /** Whether a request could use it now (not expired, or renewable). */
  valid: boolean
  /** Whether it can be renewed without the user. */
  refreshable: boolean
  /** Set when the server refused its refresh token: only a new login helps. */
  needsLogin: boolean
  /** One line for the user when it is about to stop working: no refresh token and expiring within 30 s. */
  warning?: string
}

/** What {@link Auth.status} found for the session's host. */
export interface AuthStatus {
  host: string
  /** The env token in force (`MYCLI_TOKEN`), which hides every stored credential. */
  envToken?: string
  credentials: CredentialStatus[]
  /** Stores that could not be read, and why. */
  unavailable: { store: string; reason: string }[]
}

/**
 * The session: one object a product keeps for the life of a command.
 * @see {@link createAuth}
 */
export interface Auth {
  /** The normalised host. */
  readonly host: string
  /** The access token to send: env > store > refresh (locked across processes) > login when interactive. */
  getAccessToken(options?: GetCredentialOptions): Promise<string>
  /** As {@link getAccessToken}, with the credential and where it came from. */
  getCredential(options?: GetCredentialOptions): Promise<SessionCredential>
  /**
   * The credential in force as it is, offline: the env token, else the stored one (expired or
   * not); never renewed, never a login. `undefined` when nothing is stored.
   */
  stored(): Promise<SessionCredential | undefined>
  /**
   * Renews the stored credential now (`auth refresh`), under the same lock; `scopes` may narrow
   * (the flow checks it). Refused (`USAGE_ERROR`, exit 2) while the env token is in force.
   */
  refresh(options?: { scopes?: readonly string[] }): Promise<SessionCredential>
  /**
   * `fetch` with the bearer token and tenant header. A relative URL is resolved against the host;
   * an absolute one must be on the host's origin. Redirects (by default) are followed on the
   * host's origin only, at most 10 (303 → GET; 307/308 keep method and body); a redirect to
   * another origin is returned as is, so the token and the tenant header never go there. A
   * `redirect` of the caller's (`manual`, `error`) is passed through. On 401 it renews once and
   * retries once, unless the body cannot be sent twice.
   */
  fetch(input: string | URL, init?: RequestInit): Promise<Response>
  /** As {@link fetch}, and says whether the token was renewed after a 401 and the request sent again. */
  request(input: string | URL, init?: RequestInit): Promise<{ response: Response; renewed: boolean }>
  /**
   * Runs a flow (by kind, default the first) and stores the credential, with the issuer and client
   * it recorded: in the store `store` names (`auto`: the first available; a corrupt file moved
   * aside first, said through `output.warn`). While the env token is in force it is refused
   * (`USAGE_ERROR`, exit 2), or with `loginUnderEnvToken: 'warn'` it logs in and warns
   * (`output.warn`, `envTokenWins`) that the env token overrides what was saved.
   */
  login(kind?: string, options?: AuthLoginOptions): Promise<AuthLoginResult>
  /**
   * Begins a login that does not block (the device flow's first half; agents, IDE plugins): the
   * pending state, whose device code is secret, goes to the store the login will write to (never
   * stdout or a plain file other than the 0600 file store); an earlier pending login for the host
   * is superseded. Returns at once with what to show the user and a handle.
   * @throws ConfigError `USAGE_ERROR` (exit 2) when the flow cannot be split (only the device flow can).
   * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.1
   */
  beginLogin(kind?: string, options?: BeginLoginOptions): Promise<BeginLoginResult>
  /**
   * Resumes a login {@link beginLogin} started, in any process: waits until the next allowed ask
   * (`interval`, `slow_down`, kept in the store), asks once (`wait: false`) or until done. Done:
   * stored as {@link login} stores. Denied or expired: the pending state deleted, exit 4.
   * @throws AuthenticationError `LOGIN_REQUIRED` for a handle that is not pending; `ACCESS_DENIED`,
   *   `DEVICE_CODE_EXPIRED` (exit 4); NetworkError (exit 5, the login stays pending).
   * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.4
   */
  resumeLogin(handle: string, options?: ResumeLoginOptions): Promise<ResumeLoginResult>
  /** Revokes and forgets the credential (or, with `all`, every credential). */
  logout(options?: AuthLogoutOptions): Promise<AuthLogoutResult>
  /** What is stored for the host, offline. */
  status(): Promise<AuthStatus>
}
