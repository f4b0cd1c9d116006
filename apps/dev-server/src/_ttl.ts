// Token lifetimes (oidc-provider's `ttl` option), every one set so oidc-provider never
// falls back to a default that prints a "you SHOULD change it" notice.
import type { TokenModel } from 'oidc-provider'

/** The lifetimes, in seconds, after defaults are applied. */
export interface Lifetimes {
  readonly accessToken: number
  readonly refreshedAccessToken: number
  readonly refreshToken: number
  readonly deviceCode: number
}

const DAY = 24 * 60 * 60

/** The `ttl` option of oidc-provider. */
export function ttlConfig(lifetimes: Lifetimes): Record<string, unknown> {
  return {
    AccessToken: (_ctx: unknown, token: TokenModel) => (token.gty?.endsWith('refresh_token') === true ? lifetimes.refreshedAccessToken : lifetimes.accessToken),
    AuthorizationCode: 60,
    ClientCredentials: lifetimes.accessToken,
    DeviceCode: lifetimes.deviceCode,
    IdToken: lifetimes.accessToken,
    RefreshToken: lifetimes.refreshToken,
    Interaction: 60 * 60,
    Session: 14 * DAY,
    Grant: Math.max(14 * DAY, lifetimes.refreshToken),
    BackchannelAuthenticationRequest: 10 * 60,
    PreAuthorizedCode: 10 * 60,
  }
}

/** Default lifetime of refresh tokens: 14 days. */
export const DEFAULT_REFRESH_TOKEN_TTL = 14 * DAY
