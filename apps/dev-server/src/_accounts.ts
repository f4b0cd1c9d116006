// Every login exists: the dev server makes up a person for it.

/** The claims the dev server knows about a login. */
export interface AccountClaims {
  readonly sub: string
  readonly login: string
  readonly preferred_username: string
  readonly name: string
  readonly email: string
  readonly email_verified: boolean
}

/** The made-up person behind `login`: name `Alice`, email `alice@example.test`. */
export function describeAccount(login: string): AccountClaims {
  return {
    sub: login,
    login,
    preferred_username: login,
    name: login.charAt(0).toUpperCase() + login.slice(1),
    email: `${login}@example.test`,
    email_verified: true,
  }
}

/** oidc-provider's `findAccount`: an account for any login (`sub` = login). */
export async function findAccount(_ctx: unknown, sub: string) {
  return {
    accountId: sub,
    async claims() {
      return { ...describeAccount(sub) }
    },
  }
}

/** The claims released per scope (oidc-provider's `claims` option). */
export const CLAIMS_BY_SCOPE = {
  openid: ['sub'],
  profile: ['login', 'preferred_username', 'name'],
  email: ['email', 'email_verified'],
} as const

/** Whether `login` is acceptable as an account name: 1-64 visible characters, no spaces. */
export function isValidLogin(login: unknown): login is string {
  return typeof login === 'string' && /^[\w.@+-]{1,64}$/.test(login)
}
