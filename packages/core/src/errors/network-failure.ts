import { isRecord } from '../kit/assert.js'

/** What a low-level network failure was. Internal. */
export interface NetworkFailure {
  /** The system or undici code: `ECONNREFUSED`, `UND_ERR_SOCKET`, `CERT_HAS_EXPIRED`. */
  code: string
  kind: 'dns' | 'refused' | 'reset' | 'unreachable' | 'timeout' | 'tls' | 'other'
  /** The host the failure names, when it names one. */
  host?: string
}

const KINDS: Record<string, NetworkFailure['kind']> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENETDOWN: 'unreachable',
  EHOSTDOWN: 'unreachable',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  EPROTO: 'tls',
  HOSTNAME_MISMATCH: 'tls',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls',
}

function kindOf(code: string): NetworkFailure['kind'] | undefined {
  if (Object.hasOwn(KINDS, code)) return KINDS[code]
  if (/^(?:CERT_|UNABLE_TO_|ERR_TLS_|ERR_SSL_|ERR_OSSL_)/.test(code)) return 'tls'
  if (code.startsWith('UND_ERR_')) return 'other'
  return undefined
}

/**
 * Looks through an error and its `cause` chain (and an `AggregateError`'s `errors`) for a
 * network failure code, as `fetch` reports them (`TypeError: fetch failed`, cause
 * `{ code: 'ECONNREFUSED' }`). Internal.
 */
export function findNetworkFailure(error: unknown, depth = 0): NetworkFailure | undefined {
  if (!isRecord(error) || depth > 6) return undefined
  const code = error['code']
  const kind = typeof code === 'string' ? kindOf(code) : undefined
  if (kind !== undefined) return withHost({ code: code as string, kind }, error)
  const errors = error['errors']
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = findNetworkFailure(inner, depth + 1)
      if (found) return found
    }
  }
  return findNetworkFailure(error['cause'], depth + 1)
}

function withHost(failure: NetworkFailure, error: Record<string, unknown>): NetworkFailure {
  const { hostname, host, address, port } = error
  const name = [hostname, host, address].find((v): v is string => typeof v === 'string' && v !== '')
  if (name === undefined) return failure
  return { ...failure, host: typeof port === 'number' && name === address ? `${name}:${port}` : name }
}
