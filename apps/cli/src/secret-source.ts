import type { SecretSource } from '@auth/flow-client-credentials'
import { ENV_PREFIX } from './app.js'

/** The variable a client secret is read from when nothing else is named. */
export const SECRET_VARIABLE = `${ENV_PREFIX}_CLIENT_SECRET`

/** Where a client secret may be named, highest first. */
export interface SecretChoices {
  /** `--client-secret-file PATH`. */
  flagFile?: string | undefined
  /** `--client-secret-env VAR`. */
  flagEnv?: string | undefined
  /** Config `client_secret_file`. */
  configFile?: string | undefined
  /** Config `client_secret_env`. */
  configEnv?: string | undefined
}

/**
 * Where the client secret comes from: `--client-secret-file` > `--client-secret-env` > the
 * profile's own config `client_secret_file` > `client_secret_env` > `AUTHCLI_CLIENT_SECRET`
 * (whose absence the flow then reports). The profile's configured source wins over the global
 * variable, so a renewal never sends one client's secret (from the environment) to another
 * profile's issuer. Never the secret itself.
 * @example `secretSource({ flagEnv: 'CI_SECRET' }, env)` is `{ env: 'CI_SECRET' }`
 */
export function secretSource(choices: SecretChoices): SecretSource {
  if (choices.flagFile !== undefined) return { file: choices.flagFile }
  if (choices.flagEnv !== undefined) return { env: choices.flagEnv }
  if (choices.configFile !== undefined) return { file: choices.configFile }
  if (choices.configEnv !== undefined) return { env: choices.configEnv }
  return { env: SECRET_VARIABLE }
}
