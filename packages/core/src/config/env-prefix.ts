import { invalid } from '../kit/assert.js'

/** A product's command name: 1-64 printable ASCII characters, no spaces (`mycli`, `my-cli`). */
const PRODUCT_NAME = /^[\x21-\x7e]{1,64}$/
const ENV_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * The env var prefix a product's name gives: upper-cased, every character a variable name cannot
 * hold as `_` (`my-cli` → `MY_CLI`, so `MY_CLI_CONFIG_DIR`). Internal.
 */
export function envPrefixFor(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')
}

/** The product's `name` option of a config function, checked; `undefined` when absent. Internal. */
export function productNameOf(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !PRODUCT_NAME.test(value)) invalid(where, '"name" must be a command name: 1-64 printable ASCII characters, no spaces')
  return value as string
}

/**
 * The env var prefix of a config function: `envPrefix` when given (letters, digits, `_`, not
 * starting with a digit), else derived from the product's `name` ({@link envPrefixFor}). One of
 * the two is required: a package has no product name of its own. Internal.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) naming `envPrefix` or `name`.
 */
export function envPrefixOf(options: { name?: unknown; envPrefix?: unknown }, where: string): string {
  const name = productNameOf(options.name, where)
  const value = options.envPrefix ?? (name === undefined ? undefined : envPrefixFor(name))
  if (value === undefined) invalid(where, 'needs the product\'s "name" (or an "envPrefix")', "pass e.g. { name: 'mycli' } (env vars MYCLI_*)")
  if (typeof value !== 'string' || !ENV_PREFIX.test(value)) {
    invalid(where, options.envPrefix === undefined ? '"name" must give an env prefix: start it with a letter' : '"envPrefix" must be letters, digits and "_", not starting with a digit')
  }
  return value as string
}
