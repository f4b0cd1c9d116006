/** The OpenID Connect scopes the dev server knows. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const

/** The API scopes of the dev server's `/api/*` routes. */
export const API_SCOPES = ['api:read', 'api:write'] as const

/** Every scope the dev server accepts. */
export const DEV_SCOPES = [...OIDC_SCOPES, ...API_SCOPES] as const

/** A token needs one of these scopes for `/api/*`; a token with none gets 403 `insufficient_scope`. */
export const API_ACCEPTED_SCOPES = ['api:read', 'api:write', 'openid', 'profile'] as const

/** The client ids registered at start. */
export const DEV_CLIENT_IDS = {
  native: 'authcli',
  confidential: 'authcli-confidential',
  post: 'authcli-post',
  jwt: 'authcli-jwt',
} as const

/** The login used when a helper is not given one. */
export const DEFAULT_LOGIN = 'alice'

/** The prefix of personal access tokens minted by the dev server. */
export const PAT_PREFIX = 'dvp_'

/** RFC 8628 grant type of the device flow. */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
