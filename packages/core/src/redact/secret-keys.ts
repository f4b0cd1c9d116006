/**
 * Which field and parameter names hold secrets. Internal; shared by `redact` and `redactObject`.
 *
 * A name is secret-ish when it ends in `token`, `secret`, `password`, `passwd`, `api_key`,
 * `private_key`, `access_key` or `assertion` (so `access_token`, `refreshToken`,
 * `MYCLI_TOKEN`, `client_secret`, `client_assertion` all are, and `token_type`, `tokens`
 * are not), or is exactly `code`, `device_code` or `code_verifier` (in any case, `_`, `-` or
 * camelCase). `user_code` is not secret: the device flow shows it to the user.
 */
export const SECRET_KEY_SOURCE = '(?:[A-Za-z0-9_-]*?(?:token|secret|password|passwd|api[_-]?key|private[_-]?key|access[_-]?key|assertion)|(?:device[_-]?)?code|code[_-]?verifier)'

const SECRET_KEY = new RegExp(`^${SECRET_KEY_SOURCE}$`, 'i')

/** Header-like names whose whole value is secret. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])

/** Whether a field or parameter of this name holds a secret. */
export function isSecretKey(name: string): boolean {
  return SECRET_KEY.test(name) || SECRET_HEADERS.has(name.toLowerCase())
}
