import { ConfigError, ErrorCode } from '@auth/core'

/** The `apiVersion`s of kubectl's exec plugin protocol this answers. */
export const EXEC_CREDENTIAL_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const

/** An `ExecCredential` as a kubeconfig `exec` plugin prints it. */
export interface ExecCredential {
  apiVersion: (typeof EXEC_CREDENTIAL_VERSIONS)[number]
  kind: 'ExecCredential'
  status: { token: string; expirationTimestamp?: string }
}

/** What kubectl said in `KUBERNETES_EXEC_INFO`. */
export interface ExecInfo {
  apiVersion: ExecCredential['apiVersion']
  /** Whether kubectl lets the plugin talk to the user; `false` when absent. */
  interactive: boolean
}

/**
 * Reads `KUBERNETES_EXEC_INFO` (kubectl sets it: `{"kind":"ExecCredential","apiVersion":...,
 * "spec":{"interactive":false}}`): the `apiVersion` to answer in and whether the user may be
 * asked. Absent or empty: `v1`, not interactive.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for malformed JSON, another `kind`, or an `apiVersion`
 *   this does not speak (the message names the variable, never its value).
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authentication/#input-and-output-formats
 * @example `parseExecInfo('{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"interactive":false}}')`
 */
export function parseExecInfo(text: string | undefined): ExecInfo {
  if (text === undefined || text.trim() === '') return { apiVersion: 'client.authentication.k8s.io/v1', interactive: false }
  const bad = (what: string) => new ConfigError(`KUBERNETES_EXEC_INFO ${what}`, { code: ErrorCode.USAGE_ERROR, hint: 'set apiVersion client.authentication.k8s.io/v1 in the kubeconfig exec section' })
  let value: unknown
  try {
    value = text.length <= 1024 * 1024 ? JSON.parse(text) : undefined
  } catch {
    throw bad('is not JSON')
  }
  if (typeof value !== 'object' || value === null) throw bad('is not a JSON object')
  const info = value as { kind?: unknown; apiVersion?: unknown; spec?: { interactive?: unknown } }
  if (info.kind !== 'ExecCredential') throw bad('is not an ExecCredential')
  const apiVersion = EXEC_CREDENTIAL_VERSIONS.find((v) => v === info.apiVersion)
  if (apiVersion === undefined) throw bad(`asks for an apiVersion other than ${EXEC_CREDENTIAL_VERSIONS.join(' or ')}`)
  return { apiVersion, interactive: typeof info.spec === 'object' && info.spec !== null && info.spec.interactive === true }
}

/**
 * The `ExecCredential` kubectl reads from an exec plugin's stdout: the token, and its expiry as
 * RFC 3339 (whole seconds, UTC) when known, so kubectl runs the plugin again before it expires.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins
 * @example `execCredential('tok', Date.parse('2026-01-01T00:00:00Z'))` has `status.expirationTimestamp` `'2026-01-01T00:00:00Z'`
 */
export function execCredential(token: string, expiresAt: number | undefined, info: ExecInfo = parseExecInfo(undefined)): ExecCredential {
  const status: ExecCredential['status'] = { token }
  if (expiresAt !== undefined && Number.isFinite(expiresAt)) status.expirationTimestamp = new Date(Math.floor(expiresAt / 1000) * 1000).toISOString().replace('.000Z', 'Z')
  return { apiVersion: info.apiVersion, kind: 'ExecCredential', status }
}
