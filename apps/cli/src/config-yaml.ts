/**
 * flyte-style YAML config files (`--config ~/.flyte/config.yaml`), read-only: the `admin`
 * section becomes one profile. Loaded only when the config file ends in `.yaml`/`.yml` (a lazy
 * chunk in the bundle: the `yaml` parser costs nothing to the commands that never see one).
 */
import { ConfigError, readTrustedConfigFile, setConfigValue, type AuthConfig, type FlowKind } from '@auth/core'
import { LineCounter, isMap, isScalar, parseDocument, type Document, type Node } from 'yaml'
import { sanitizeText } from '@auth/core/kit'

/**
 * The profile a YAML config becomes: `default` (the CLI's default profile, so no `--profile` is
 * needed). Not imported from `app.ts`: this chunk must not pull the app constants out of the hot one.
 */
export const YAML_PROFILE = 'default'

/** A YAML config file, mapped. */
export interface YamlConfig {
  /** One profile, {@link YAML_PROFILE}, which is the active one. */
  config: AuthConfig
  /** Keys that were read but mean nothing to authcli (`admin.maxRetries`, `logger`, ...), for `--debug`. */
  ignored: string[]
}

/** `admin.authType` values and the flows they mean (flyte's names; matched without regard to case). */
export const AUTH_TYPES: Readonly<Record<string, FlowKind>> = { Pkce: 'pkce', DeviceFlow: 'device', ClientSecret: 'client-credentials' }

/** `admin.KEY` that map straight onto a profile key, with the same checks as the TOML file. */
const STRING_KEYS: Readonly<Record<string, string>> = {
  clientId: 'client_id',
  clientSecretLocation: 'client_secret_file',
  clientSecretEnvVar: 'client_secret_env',
  authorizationServerUrl: 'issuer',
  caCertFilePath: 'ca_file',
}
const SPECIAL_KEYS = new Set(['endpoint', 'authType', 'insecure', 'scopes'])

/** Reports a problem at a key path, with the line where the key (or its parent) is. */
type Fail = (path: readonly string[], problem: string, hint?: string) => never

/**
 * Reads a flyte-style YAML config file, trusted as the TOML file is (core's
 * `readTrustedConfigFile`). A missing file is an error (authcli never writes YAML, so a missing
 * one can only be a wrong path).
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when the file or its folder may be changed by
 *   another user, cannot be read, or {@link parseYamlConfig} refuses it.
 * @example `const { config } = await loadYamlConfig('/home/me/.flyte/config.yaml')`
 */
export async function loadYamlConfig(file: string): Promise<YamlConfig> {
  // The same trust check as the TOML file (owner, not group/other-writable, the folder too): the
  // file decides where a client secret (clientSecretLocation, clientSecretEnvVar) is sent.
  const text = await readTrustedConfigFile(file, 'check the path given to --config or AUTHCLI_CONFIG')
  if (text === undefined) {
    throw new ConfigError(`cannot read the config file ${file} (ENOENT)`, { hint: 'check the path given to --config or AUTHCLI_CONFIG' })
  }
  return parseYamlConfig(text, file)
}

/**
 * Maps a flyte-style YAML document onto one profile, `default`, made the active one:
 * `admin.endpoint` → `host` (`dns:///host:port` as flyte writes it; `https://` unless
 * `admin.insecure: true`), `admin.authType` (`Pkce` → `pkce`, `DeviceFlow` → `device`,
 * `ClientSecret` → `client-credentials`) → `flow`, `clientId` → `client_id`,
 * `clientSecretLocation` → `client_secret_file`, `clientSecretEnvVar` → `client_secret_env`,
 * `scopes` → `scopes`, `authorizationServerUrl` → `issuer`, `caCertFilePath` → `ca_file`.
 * Every value is checked as the TOML file's is. Other keys (flyte has many) are ignored.
 * @param text - The file's content.
 * @param file - The file's path, for messages.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) naming the file, the line and the key: YAML that
 * does not parse, a missing `admin.endpoint`, a wrong type, an unknown `authType`, a bad value.
 * @example `parseYamlConfig('admin:\n  endpoint: dns:///flyte.example.com\n', 'c.yaml').config.profiles.default?.host` is `'https://flyte.example.com'`
 * @see https://docs.flyte.org/en/latest/deployment/configuration/general.html (the `admin` section)
 */
export function parseYamlConfig(text: string, file: string): YamlConfig {
  const lines = new LineCounter()
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, uniqueKeys: true, prettyErrors: true })
  const [syntax] = doc.errors
  if (syntax) {
    const line = syntax.linePos?.[0]
    // The parser's message quotes the file: control and bidi characters must not reach the terminal.
    const reason = sanitizeText(syntax.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? syntax.code)
    const near = line ? keyNear(text, line.line) : undefined
    const key = near === undefined ? undefined : sanitizeText(near)
    throw new ConfigError(`${file}${line ? `:${line.line}:${line.col}` : ''}: invalid YAML${key ? ` (near key ${key})` : ''}: ${reason}`, {
      hint: 'check the indentation (spaces, not tabs) and that each key is followed by ": "',
    })
  }
  const fail: Fail = (path, problem, hint) => {
    const line = lineOf(doc, lines, path)
    throw new ConfigError(`${file}${line === undefined ? '' : `:${line}`}: ${path.length > 0 ? `${path.join('.')}: ` : ''}${problem}`, { ...(hint !== undefined && { hint }) })
  }
  return mapDocument(doc, fail)
}

function mapDocument(doc: Document, fail: Fail): YamlConfig {
  if (doc.contents !== null && !isMap(doc.contents)) fail([], 'the document must be a mapping of keys to values', 'a flyte config starts with "admin:"')
  let root: Record<string, unknown>
  try {
    root = (doc.toJS({ maxAliasCount: 50 }) ?? {}) as Record<string, unknown>
  } catch (error) {
    // An alias without its anchor, or aliases that would expand without end.
    return fail([], `invalid YAML: ${sanitizeText((error instanceof Error ? error.message : String(error)).split(':')[0] ?? '')}`)
  }
  const admin = root.admin
  if (admin === undefined || admin === null) return fail(['admin'], 'missing', 'write an "admin:" section with at least "endpoint: dns:///your.host"')
  if (!isRecord(admin)) return fail(['admin'], 'must be a mapping', 'indent the settings below "admin:"')
  const ignored = Object.keys(root).filter((key) => key !== 'admin')
  let config: AuthConfig = { activeProfile: YAML_PROFILE, profiles: { [YAML_PROFILE]: {} } }
  const set = (path: string[], key: string, value: string): void => {
    config = withValue(config, key, value, (problem, hint) => fail(path, problem, hint))
  }
  const insecure = booleanAt(admin, 'insecure', fail)
  const endpoint = stringAt(admin, 'endpoint', fail)
  if (endpoint === undefined) return fail(['admin', 'endpoint'], 'missing', 'the API endpoint, e.g. "endpoint: dns:///flyte.example.com"')
  set(['admin', 'endpoint'], 'host', endpointUrl(endpoint, insecure === true))
  const flow = flowAt(admin, fail)
  if (flow !== undefined) set(['admin', 'authType'], 'flow', flow)
  const scopes = scopesAt(admin, fail)
  if (scopes !== undefined && scopes.length > 0) set(['admin', 'scopes'], 'scopes', scopes.join(' '))
  for (const [yamlKey, key] of Object.entries(STRING_KEYS)) {
    const value = stringAt(admin, yamlKey, fail)
    if (value !== undefined) set(['admin', yamlKey], key, value)
  }
  for (const key of Object.keys(admin)) if (!SPECIAL_KEYS.has(key) && !Object.hasOwn(STRING_KEYS, key)) ignored.push(`admin.${key}`)
  return { config, ignored }
}

/**
 * flyte's endpoint as an API base URL: `dns:///host:port` and `dns://authority/host:port` lose
 * their gRPC resolver prefix; a bare `host:port` gets `https://` (`http://` when `insecure`).
 * @example `endpointUrl('dns:///flyte.example.com:443', false)` is `'https://flyte.example.com:443'`
 */
export function endpointUrl(endpoint: string, insecure: boolean): string {
  const dns = /^dns:\/\/[^/]*\/(.*)$/i.exec(endpoint)
  const address = dns ? (dns[1] ?? '') : endpoint
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? address : `${insecure ? 'http' : 'https'}://${address}`
}

// The TOML file's checks (core's `setConfigValue`), with the message rewritten to name the YAML key.
function withValue(config: AuthConfig, key: string, value: string, fail: (problem: string, hint?: string) => never): AuthConfig {
  const label = `profiles.${YAML_PROFILE}.${key}`
  try {
    return setConfigValue(config, label, value)
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error
    return fail(error.message.replace(`${label}: `, '').replace(/^host /, ''), error.hint)
  }
}

function stringAt(admin: Record<string, unknown>, key: string, fail: Fail): string | undefined {
  const value = admin[key]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') return fail(['admin', key], `must be a string (got ${typeName(value)})`, 'put the value in quotes')
  return value
}

function booleanAt(admin: Record<string, unknown>, key: string, fail: Fail): boolean | undefined {
  const value = admin[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') return fail(['admin', key], `must be true or false (got ${typeName(value)})`)
  return value
}

function flowAt(admin: Record<string, unknown>, fail: Fail): FlowKind | undefined {
  const value = stringAt(admin, 'authType', fail)
  if (value === undefined) return undefined
  const name = Object.keys(AUTH_TYPES).find((type) => type.toLowerCase() === value.trim().toLowerCase())
  if (name === undefined) {
    const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value
    return fail(['admin', 'authType'], `unknown authType "${shown.replace(/[^\x20-\x7e]/g, '?')}"`, `authcli supports ${Object.keys(AUTH_TYPES).join(', ')}`)
  }
  return AUTH_TYPES[name]
}

function scopesAt(admin: Record<string, unknown>, fail: Fail): string[] | undefined {
  const value = admin.scopes
  if (value === undefined || value === null) return undefined
  const items = typeof value === 'string' ? [value] : value
  if (!Array.isArray(items) || items.some((s) => typeof s !== 'string' || s.trim() === '' || /\s/.test(s.trim()))) {
    return fail(['admin', 'scopes'], 'must be a list of scope names without spaces', 'write scopes: [openid, offline_access]')
  }
  return items.map((s: string) => s.trim())
}

// The line of the deepest key of `path` that exists (the key itself, else its parent), 1-based.
function lineOf(doc: Document, lines: LineCounter, path: readonly string[]): number | undefined {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true)
    if (!isMap(parent)) continue
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[depth - 1])
    const start = (pair?.key as Node | undefined)?.range?.[0]
    if (start !== undefined) return lines.linePos(start).line
  }
  const start = (doc.contents as Node | null)?.range?.[0]
  return start === undefined ? undefined : lines.linePos(start).line
}

// The key on `line` (1-based) or the closest one above it: where a syntax error most likely is.
function keyNear(text: string, line: number): string | undefined {
  const lines = text.split(/\r\n|\n|\r/)
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const key = /^\s*(?:-\s+)?([A-Za-z_][\w.-]{0,40})\s*:/.exec(lines[i] ?? '')?.[1]
    if (key !== undefined) return key
  }
  return undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function typeName(value: unknown): string {
  return Array.isArray(value) ? 'a list' : isRecord(value) ? 'a mapping' : typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'a boolean' : typeof value
}
