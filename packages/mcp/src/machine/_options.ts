// The machine grants' options, checked at the factory so that a mistake shows before any
// request (core's optionChecker: messages name the package, the factory and the option). Internal.
import { isRecord, optionChecker, type OptionChecker } from '@auth/core/kit'
import type { CrossAppAccessGrantOptions, EnterpriseIdp, KeySource, MachineAuthMethod, MachineClient, SecretSource, SubjectTokenType, TokenSource } from './types.js'

const METHODS: readonly MachineAuthMethod[] = ['client_secret_basic', 'client_secret_post', 'private_key_jwt']
const SECRET_KEYS = ['env', 'file', 'privateKeyFile', 'value'] as const
const KEY_KEYS = ['env', 'file', 'value'] as const
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const CONTROL = /[\u0000-\u001f\u007f]/
const ALG = /^[A-Za-z0-9]{2,16}$/
export const SUBJECT_TOKEN_TYPES: readonly SubjectTokenType[] = ['urn:ietf:params:oauth:token-type:id_token', 'urn:ietf:params:oauth:token-type:saml2']

/** A confidential (or, for an IdP, public) client, checked. */
export function checkMachineClient(value: unknown, factory: string, name: string, options: { publicAllowed?: boolean } = {}): MachineClient {
  const check: OptionChecker = optionChecker('@auth/mcp', factory)
  if (!isRecord(value)) return check.fail(name, 'must be an object')
  const clientId = check.string(value['clientId'], `${name}.clientId`, 'pass the client id registered at the server').trim()
  const clientSecret = value['clientSecret'] === undefined ? undefined : (source(check, value['clientSecret'], `${name}.clientSecret`, SECRET_KEYS) as SecretSource)
  const privateKey = value['privateKey'] === undefined ? undefined : (source(check, value['privateKey'], `${name}.privateKey`, KEY_KEYS) as KeySource)
  if (clientSecret === undefined && privateKey === undefined && options.publicAllowed !== true) {
    check.fail(`${name}.clientSecret`, 'or "privateKey" must be given', 'a machine login needs a client secret or a private key')
  }
  const authMethod = value['authMethod']
  if (authMethod !== undefined && !METHODS.includes(authMethod as MachineAuthMethod)) check.fail(`${name}.authMethod`, `must be one of ${METHODS.join(', ')}`)
  const keyId = check.optionalString(value['keyId'], `${name}.keyId`)
  const signingAlgorithm = check.optionalString(value['signingAlgorithm'], `${name}.signingAlgorithm`)
  if (signingAlgorithm !== undefined && !ALG.test(signingAlgorithm)) check.fail(`${name}.signingAlgorithm`, 'must be a JWS algorithm name such as ES256')
  return { clientId, clientSecret, privateKey, keyId, signingAlgorithm, authMethod: authMethod as MachineAuthMethod | undefined }
}

/** The enterprise IdP of a cross-app access grant, checked: a token endpoint or an issuer to discover it from. */
export function checkIdp(value: unknown, factory: string): EnterpriseIdp & MachineClient {
  const check: OptionChecker = optionChecker('@auth/mcp', factory)
  if (!isRecord(value)) return check.fail('idp', 'must be an object: { tokenEndpoint or issuer, clientId, clientSecret? }')
  const client = checkMachineClient(value, factory, 'idp', { publicAllowed: true })
  const tokenEndpoint = value['tokenEndpoint'] === undefined ? undefined : check.httpUrl(value['tokenEndpoint'], 'idp.tokenEndpoint', { allowInsecure: false }).href
  const issuer = value['issuer'] === undefined ? undefined : check.httpUrl(value['issuer'], 'idp.issuer', { allowInsecure: false, issuer: true }).href
  if (tokenEndpoint === undefined && issuer === undefined) check.fail('idp.tokenEndpoint', 'or "idp.issuer" must be given', "pass the enterprise IdP's token endpoint, or its issuer to discover it")
  return { ...client, tokenEndpoint, issuer: typeof value['issuer'] === 'string' ? value['issuer'] : issuer }
}

/** The subject token source and type, checked. */
export function checkSubject(options: CrossAppAccessGrantOptions, factory: string): { subjectToken: TokenSource; subjectTokenType: SubjectTokenType } {
  const check = optionChecker('@auth/mcp', factory)
  const subjectToken = typeof options.subjectToken === 'function' ? options.subjectToken : (source(check, options.subjectToken, 'subjectToken', KEY_KEYS) as KeySource)
  const subjectTokenType = options.subjectTokenType ?? SUBJECT_TOKEN_TYPES[0]
  if (!SUBJECT_TOKEN_TYPES.includes(subjectTokenType as SubjectTokenType)) check.fail('subjectTokenType', `must be one of ${SUBJECT_TOKEN_TYPES.join(', ')}`)
  return { subjectToken, subjectTokenType: subjectTokenType as SubjectTokenType }
}

/** The environment `{ env }` sources read. */
export function checkEnv(value: unknown, factory: string): Readonly<Record<string, string | undefined>> {
  if (value === undefined) return process.env
  if (!isRecord(value)) return optionChecker('@auth/mcp', factory).fail('env', 'must be an object of environment variables')
  return value as Record<string, string | undefined>
}

function source(check: OptionChecker, value: unknown, name: string, keys: readonly string[]): unknown {
  if (!isRecord(value)) return check.fail(name, `must be an object: ${keys.map((k) => `{ ${k} }`).join(', ')}`)
  const present = keys.filter((key) => value[key] !== undefined)
  if (present.length !== 1) return check.fail(name, `must have exactly one of ${keys.join(', ')}`)
  const key = present[0] as string
  const text = value[key]
  if (typeof text !== 'string') return check.fail(`${name}.${key}`, 'must be a string')
  if (key !== 'value' && text.trim() === '') check.fail(`${name}.${key}`, 'must be a non-empty string')
  if (key === 'env' && !ENV_NAME.test(text)) check.fail(`${name}.env`, 'must be an environment variable name')
  if ((key === 'file' || key === 'privateKeyFile') && CONTROL.test(text)) check.fail(`${name}.${key}`, 'must be a path without control characters')
  if (key === 'value' && (typeof value['label'] !== 'string' || value['label'].trim() === '')) check.fail(`${name}.label`, 'must name where the value came from')
  return value
}
