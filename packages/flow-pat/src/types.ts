import type { AccountInfo, Logger } from '@auth/core'

/**
 * Options of {@link createPatFlow}: configuration only. The token is login-time input
 * (`ctx.input.token`, a piped `ctx.stdin` or the prompter), never a factory option.
 * An optional field set to `undefined` counts as absent.
 *
 * @example
 * ```ts
 * const options: PatFlowOptions = { name: 'mycli', host: 'https://api.example.com', profileUrl: '/user' }
 * ```
 */
export interface PatFlowOptions {
  /** The product's command name (`mycli`), named in the hint when there is no token to read. */
  name?: string | undefined
  /** The API base URL the token is for (`https://api.example.com`); relative profile URLs resolve against it. */
  host: string
  /**
   * The identity endpoint the token is checked against before it is saved, absolute or
   * relative to `host`. Default: the issuer's
   * OIDC `userinfo_endpoint`.
   */
  profileUrl?: string | undefined
  /** The issuer whose `/.well-known/openid-configuration` names a `userinfo_endpoint`, used when `profileUrl` is absent. */
  issuer?: string | undefined
  /** Allow plain `http://` to a non-loopback host (a test server). Default `false`. */
  allowInsecure?: boolean | undefined
  /** The tenant slug in force, sent in `tenantHeader` and recorded in the credential. */
  tenant?: string | undefined
  /** The header that carries the tenant. Default `X-Tenant`. */
  tenantHeader?: string | undefined
  /** The fetch to use; default the global one (`ctx.fetch` wins). */
  fetch?: typeof globalThis.fetch | undefined
  /** Where to log requests (`GET url -> status`, secrets masked); default nothing (`ctx.logger` wins). */
  logger?: Logger | undefined
  /** The clock, epoch ms; default `Date.now` (`ctx.now` wins). */
  now?: (() => number) | undefined
}

/**
 * What {@link validatePat} learnt from the profile endpoint: who the token belongs to, and the
 * scopes and expiry when the server said.
 */
export interface PatProfile extends AccountInfo {
  /** The token's scopes, from `X-OAuth-Scopes` or the body's `scopes` / `scope`. */
  scopes?: string[]
  /** When the token expires (epoch ms), from `GitHub-Authentication-Token-Expiration` or the body's `expires_at`. */
  expiresAt?: number
}

/** Options of {@link validatePat}. */
export interface ValidatePatOptions {
  /** The profile endpoint, e.g. `https://api.example.com/user`. */
  url: string | URL
  /** The bare token (see {@link parsePat}). */
  token: string
  /** Extra request headers (the tenant header). `Authorization` is always the token's. */
  headers?: Record<string, string> | undefined
  /** Allow plain `http://` to a non-loopback host. Default `false`. */
  allowInsecure?: boolean | undefined
  /** The fetch to use; default the global one. */
  fetch?: typeof globalThis.fetch | undefined
  /** Aborts the request (Ctrl-C). */
  signal?: AbortSignal | undefined
  /** Where to log the request (`GET url -> status`). */
  logger?: Logger | undefined
}
