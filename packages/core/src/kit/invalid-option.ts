import { ConfigError } from '../errors/classes.js'

/**
 * Throws the error of a bad option or argument, octokit style: a ConfigError (exit 2) whose
 * message names the package, the function or factory, and the option, and whose hint says how
 * to fix it. Never put the option's value in `what` (it may be a secret). Flow and store
 * packages use it for every check of their options.
 *
 * @param pkg - The package: `@auth/flow-device`.
 * @param where - The function or factory checked: `createDeviceFlow`; `''` to leave it out.
 * @param what - What is wrong, naming the option: `"clientId" must be a non-empty string`.
 * @param hint - How to fix it, one line, naming the package option (never a CLI flag).
 * @throws ConfigError `CONFIG_ERROR` (exit 2), always: `@auth/flow-device: createDeviceFlow: "clientId" must be a non-empty string`.
 * @example
 * ```ts
 * if (typeof options.clientId !== 'string') invalidOption('@auth/flow-x', 'createXFlow', '"clientId" must be a string', 'pass the OAuth client id')
 * ```
 * @see https://github.com/octokit/auth-oauth-device.js (messages that name the option)
 */
export function invalidOption(pkg: string, where: string, what: string, hint?: string): never {
  const prefix = [pkg, where].filter((part) => typeof part === 'string' && part !== '').join(': ')
  throw new ConfigError(`${prefix}: ${what}`, hint === undefined ? {} : { hint })
}
