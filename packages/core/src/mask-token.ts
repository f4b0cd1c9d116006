/**
 * Masks a token for display (`auth status` without `--show-token`): the first 4 characters
 * and `****`, or `****` alone when the token is shorter than 12 characters (a short token's
 * prefix would give away too much of it). Never reveals the length.
 *
 * @param token - The token; anything else gives `****`.
 * @example
 * ```ts
 * maskToken('gho_16C7e42F292c6912E7710c838347Ae178B4a') // 'gho_****'
 * maskToken('short') // '****'
 * ```
 * @see {@link redact} to mask tokens inside text.
 * @throws Never.
 */
export function maskToken(token: string): string {
  if (typeof token !== 'string' || token.length < 12) return '****'
  return `${token.slice(0, 4)}****`
}
