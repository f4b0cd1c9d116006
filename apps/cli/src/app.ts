/**
 * Everything a product forking `authcli` renames, in one place: the command name, the
 * environment prefix, the config folder and the client id baked in at build time.
 */

/** The command name users type; it also appears in help, hints and error messages. */
export const CLI_NAME = 'authcli'

/** The prefix of every environment variable the CLI reads (`AUTHCLI_TOKEN`, `AUTHCLI_CONFIG`, ...). */
export const ENV_PREFIX = 'AUTHCLI'

/** The folder under the home directory that holds config and fallback files (`~/.authcli`). */
export const CONFIG_DIR_NAME = '.authcli'

/** The profile used when neither `--profile` nor `active_profile` names one. */
export const DEFAULT_PROFILE = 'default'

/**
 * The OAuth client id used when neither `--client-id`, `AUTHCLI_CLIENT_ID` nor the config
 * names one. Set at build time (`AUTHCLI_DEFAULT_CLIENT_ID=... npm run build`); tsup replaces
 * the expression below with a literal, so the variable is never read at run time.
 * Falls back to `authcli`, the dev server's public client.
 */
export const DEFAULT_CLIENT_ID: string = process.env.AUTHCLI_DEFAULT_CLIENT_ID || 'authcli'

declare const __AUTHCLI_VERSION__: string | undefined

/** The version from package.json, inlined at build time; `0.0.0-dev` when run from source. */
export const VERSION: string = typeof __AUTHCLI_VERSION__ === 'string' ? __AUTHCLI_VERSION__ : '0.0.0-dev'

/** The keychain service name credentials are stored under (Secret Service attribute, macOS service). */
export const KEYCHAIN_SERVICE = CLI_NAME
