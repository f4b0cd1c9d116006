/**
 * The model shared by every package: credentials, their keys, flows, stores and the
 * run-time context a flow logs in with. Types only; nothing here runs.
 */
import type { ProductHints } from '../errors/auth-error.js'

/** The flows this toolkit ships. Third-party flows may use other strings. */
export type FlowKind = 'pkce' | 'device' | 'client-credentials' | 'pat'

/** The stores this toolkit ships; `auto` picks among them at run time. */
export type StoreKind = 'keychain' | 'file' | 'encrypted' | 'memory'

/** A store choice as a user writes it (`--store`, `MYCLI_STORE`, config `store`). */
export type StoreChoice = StoreKind | 'auto'

/** Who a credential belongs to, captured at login so `whoami` works offline. */
export interface AccountInfo {
  /** The login or user name (`login`, `preferred_username`). */
  login?: string
  /** The display name. */
  name?: string
  /** The e-mail address. */
  email?: string
  /** The server's stable subject identifier (`sub`, user id). */
  id?: string
}

/**
 * A credential as a store holds it and a flow returns it.
 *
 * Times are epoch milliseconds. `expiresAt` absent means the server gave no expiry
 * (a personal access token, say).
 */
export interface Credential {
  /** The token sent to the API. Secret. */
  accessToken: string
  /** The token type, `Bearer` unless the server says otherwise. */
  tokenType: string
  /** When the access token expires (epoch ms); absent when unknown or never. */
  expiresAt?: number
  /** The refresh token, where the grant issued one. Secret. */
  refreshToken?: string
  /** The ID token, where the grant issued one. Secret. */
  idToken?: string
  /** The scopes granted (the server's answer, else the scopes requested). */
  scopes: string[]
  /** Who the credential belongs to. */
  account: AccountInfo
  /** The tenant slug in force at login, if any. */
  tenant?: string
  /** The flow that produced the credential (`pkce`, `device`, ...). */
  flow: FlowKind | (string & {})
  /** The issuer that minted it, for refresh and revocation. */
  issuer?: string
  /** The OAuth client id it was issued to, for refresh and revocation. */
  clientId?: string
  /** When it was obtained (epoch ms). */
  obtainedAt: number
  /**
   * Set when the server refused its refresh token (revoked, or spent by rotation): only a new
   * login helps. The credential is kept, marked, so `status` can say what happened.
   */
  needsLogin?: boolean
  /**
   * Where it was read from: `env:MYCLI_TOKEN`, `keychain`, `file`, `encrypted`, `memory`.
   * Set by whoever hands the credential out; stores do not persist it.
   */
  source?: string
}

/**
 * What a credential is stored under: the API base URL, normalised by
 * {@link normalizeHost}, and an account on that host. Several accounts per host.
 */
export interface CredentialKey {
  /** Normalised host URL, e.g. `https://api.example.com`. */
  host: string
  /** The account name on that host (`default` until one is known). */
  account: string
}

/** A leveled logger. Implementations must pass every message through `redact()`. */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

/** Asks the user something. Absent (or `interactive: false`) means nobody is there to answer. */
export interface Prompter {
  /** Reads a line of text. With `secret: true` the input is not echoed. */
  text(message: string, options?: { secret?: boolean; signal?: AbortSignal }): Promise<string>
  /** Asks a yes/no question. */
  confirm(message: string, options?: { default?: boolean; signal?: AbortSignal }): Promise<boolean>
}

/** What a flow shows to the user while it runs (URLs, codes, progress). Never secrets. */
export interface Output {
  /** A line meant for the user (stderr in a CLI). */
  info(message: string): void
  /** A warning meant for the user (stderr in a CLI). */
  warn(message: string): void
  /** Structured data for scripts (`--json` on stdout in a CLI). */
  data?(value: unknown): void
}

/** The same escape hatches everywhere, with the same names. */
export interface RuntimeOptions {
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof globalThis.fetch
  /** Where to log; nothing is logged without one. */
  logger?: Logger
  /** Aborts whatever is in flight (Ctrl-C). */
  signal?: AbortSignal
  /** The clock, epoch ms; defaults to `Date.now`. */
  now?: () => number
}

/** What a flow gets at run time: I/O, cancellation and the clock. Configuration goes to the flow's factory. */
export interface LoginContext extends RuntimeOptions {
  /** Whether the user can be asked anything (a TTY is attached). */
  interactive?: boolean
  /** Asks the user; required when `interactive` is true. */
  prompter?: Prompter
  /** Shows the user what is going on. */
  output?: Output
  /**
   * What the user handed in for this login, read by the flow when it runs (never at
   * construction): a personal access token given on the command line, and where it came from.
   */
  input?: LoginInput
  /** The standard input a flow may read a piped secret or a pasted redirect URL from; absent: none. */
  stdin?: LoginStdin
  /**
   * The product's words for tagged advice (a session passes its `hints`): a flow that prints
   * advice keyed by a `HintKey` (the browser that did not open) uses the product's text when
   * there is one (`applyHint`), else its own.
   */
  hints?: ProductHints
  /**
   * How long this login may take, ms, when the caller set a limit (a session's `login({ timeoutMs })`):
   * a flow that tells the user how long it waits (a device code's lifetime, a countdown) says
   * the shorter of this and its own.
   */
  timeoutMs?: number
  /**
   * The product's private folder (a session passes its `dir`): where a flow keeps a short-lived
   * private file, such as the browser flow's launch page (never the system temp folder when set).
   */
  dir?: string
}

/** Login-time input: see {@link LoginContext.input}. */
export interface LoginInput {
  /** A token the user gave for this login (a PAT). Registered as a secret by whoever reads it. */
  token?: string
  /** Where it came from, for messages and the credential's `source`: `--with-token`, `stdin`. */
  source?: string
}

/** A readable standard input: text chunks, and whether it is a terminal. */
export type LoginStdin = AsyncIterable<string | Uint8Array> & { readonly isTTY?: boolean }

/**
 * A way to obtain a credential. Every flow package exports one factory returning this.
 *
 * @example
 * ```ts
 * const flow: Flow = createDeviceFlow({ issuer, clientId })
 * const credential = await flow.login({ output, signal })
 * ```
 */
export interface Flow {
  /** The flow's kind, recorded in the credential (`pkce`, `device`, ...). */
  readonly kind: FlowKind | (string & {})
  /** Runs the flow to completion and returns the new credential. */
  login(ctx: LoginContext): Promise<Credential>
  /**
   * Renews a credential without the user (refresh token, or a new client-credentials grant).
   * Absent when the flow cannot (PATs). `options.scopes` asks for other scopes than the
   * credential's: a refresh-token grant may only narrow them (RFC 6749 §6), a new grant requests
   * them.
   */
  refresh?(credential: Credential, ctx: LoginContext, options?: RefreshOptions): Promise<Credential>
  /** Revokes a credential at the server, where the server offers revocation. */
  revoke?(credential: Credential, ctx: LoginContext): Promise<void>
  /**
   * The first half of a login that does not block (the device flow): asks the server to start
   * one and returns at once what the user must be shown and what the second half needs. Absent
   * when the flow cannot be split. A session stores the result (its `secret` is secret) and
   * hands it back to {@link Flow.pollOnce}, in this process or another.
   * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.1
   */
  begin?(ctx: LoginContext): Promise<PendingLogin>
  /**
   * The second half: asks the server once whether the login begun by {@link Flow.begin} is done.
   * Resolves the credential when it is, `pending` (with the wait before the next ask: longer after
   * `slow_down`) while the user has not answered; rejects when the user refused
   * (`ACCESS_DENIED`) or the code expired (`DEVICE_CODE_EXPIRED`), both exit 4.
   * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.4
   */
  pollOnce?(pending: PendingLogin, ctx: LoginContext): Promise<PollOnceResult>
  /**
   * The session's machinery for {@link Flow.begin} / {@link Flow.pollOnce} (the pending state in
   * the store, superseding, the cross-process lock of a resume): a flow that can be split carries
   * `pendingLogins` from `@auth/core/kit`, so a product whose flows cannot be split never bundles
   * it. A session's `beginLogin` refuses a flow without it (`USAGE_ERROR`).
   * @example `return { kind: 'device', login, begin, pollOnce, pendingLogins }`
   */
  readonly pendingLogins?: PendingLoginSupport
}

/**
 * What a session needs to begin and resume logins of a flow ({@link Flow.pendingLogins}): the
 * `pendingLogins` of `@auth/core/kit`. Opaque.
 */
export interface PendingLoginSupport {
  readonly supports: 'pending-login'
}

/**
 * A login begun by {@link Flow.begin} and not yet finished. Plain data (JSON-safe), so a session
 * can store it and a later process can resume it.
 */
export interface PendingLogin {
  /** What only the server may see again (the device code). Secret: kept in the credential store. */
  secret: string
  /** What the user is shown: the code to enter and where. No secret. */
  userCode: string
  verificationUri: string
  verificationUriComplete?: string
  /** When the code stops working (epoch ms). */
  expiresAt: number
  /** The wait between two asks, ms (the server's `interval`, longer after `slow_down`). */
  intervalMs: number
  /** The issuer, client and scopes the login was begun with: the second half uses the same. */
  issuer?: string
  clientId?: string
  scopes: string[]
}

/** What {@link Flow.pollOnce} found. */
export type PollOnceResult = { status: 'done'; credential: Credential } | { status: 'pending'; intervalMs: number }

/**
 * What a caller may ask of {@link Flow.refresh} besides renewing the credential as it is.
 *
 * @example
 * ```ts
 * await flow.refresh(credential, ctx, { scopes: ['repo:read'] }) // a narrower token
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 */
export interface RefreshOptions {
  /**
   * The scopes the renewed token should carry. With a refresh token these may only be the
   * credential's scopes or fewer (a server refuses more with `invalid_scope`); a client-credentials
   * grant requests them. Absent: the credential's scopes.
   */
  scopes?: readonly string[] | undefined
}

/**
 * Where credentials live. Every store package exports one factory returning this.
 * `get` of a missing key resolves `undefined`; any failure to reach the store rejects
 * with a `StorageError`.
 */
export interface CredentialStore {
  /** The store's kind (`keychain`, `file`, ...), shown by `status`. */
  readonly kind: StoreKind | (string & {})
  get(key: CredentialKey): Promise<Credential | undefined>
  set(key: CredentialKey, value: Credential): Promise<void>
  /** Resolves `true` when something was deleted. */
  delete(key: CredentialKey): Promise<boolean>
  list(): Promise<CredentialKey[]>
  /**
   * Every credential the store holds, with its key, from one read (a copy). A session looking
   * up a host's accounts uses it, when present, instead of `list` and a `get` per key: one file
   * read instead of two. Optional: stores that keep each credential apart (the keychain) omit it.
   */
  entries?(): Promise<StoredEntry[]>
  /**
   * Whether the store can be used here, answered fast (milliseconds; never hangs on a missing
   * D-Bus). `auto` store selection and `store status` use it. Absent means always available.
   */
  probe?(): Promise<StoreAvailability>
  /**
   * `true` for a store that may be absent on a machine and whose `probe` is cheap (the OS
   * keychain): a session probes it before reading and passes over it when it is not available.
   * Other stores are read directly, and their failures (a corrupt file, a wrong key) surface.
   */
  readonly probeBeforeRead?: boolean
  /**
   * Where exactly this store keeps `key`, one line for `status` (`keychain service
   * mycli:https://api.example.com, account alice (Secret Service)`). Absent (or `undefined`): the probe's `location`.
   */
  locate?(key: CredentialKey): string | undefined
  /**
   * Moves the store's file aside (`<file>.corrupt-<time>`) when it cannot be read as the store's
   * format, and resolves the new path; `undefined` when the file is missing or sound. A session
   * calls it before a login writes to a store whose probe failed, so that a new login never fails
   * on an old broken file (and says so). Absent for stores that keep no file.
   */
  moveAsideCorrupt?(): Promise<string | undefined>
  /**
   * Deletes copies of the store's file that were moved aside as corrupt (they may still hold
   * tokens) and resolves their paths. Absent for stores that move nothing aside.
   * `logout({ all: true })` calls it.
   */
  removeMovedAside?(): Promise<string[]>
}

/** One credential of {@link CredentialStore.entries}, with its key. */
export interface StoredEntry {
  key: CredentialKey
  credential: Credential
}

/** What {@link CredentialStore.probe} answers. */
export interface StoreAvailability {
  /** Whether reads and writes can be expected to work. */
  available: boolean
  /** Why not (or a note when available), one line, no secrets: `no D-Bus session bus`, ... */
  reason?: string
  /** Where the store keeps data, for `status` (a file path, `Secret Service`, ...). */
  location?: string
}

/** A provider in the resolution chain: `() => Promise<T>`, rejecting `NotFoundError` when it has nothing. */
export type Provider<T> = () => Promise<T>
