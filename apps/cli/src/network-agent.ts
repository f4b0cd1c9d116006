// The undici side of `network-fetch.ts`, in its own lazily loaded chunk: only a request made with a
// proxy or a `ca_file` set reads it. undici 7 (Node >= 20.18.1; undici 8 needs Node 22): its own
// `fetch` with its `EnvHttpProxyAgent`, since Node 20's global fetch is a separate, bundled undici.
import { X509Certificate } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { rootCertificates } from 'node:tls'
import { ConfigError, isLoopbackHost } from '@auth/core'
import { Agent, type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici'
import type { NetworkSettings } from './network-fetch.js'

type Fetch = typeof globalThis.fetch

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g

/**
 * A fetch over an `EnvHttpProxyAgent` made from `settings` (proxies, `NO_PROXY`, and the CAs: the
 * system ones, `NODE_EXTRA_CA_CERTS` and `ca_file`, for the server and for an https proxy);
 * loopback hosts are never proxied ({@link loopbackDirect}).
 * @throws ConfigError `CONFIG_ERROR` (exit 2) for a `ca_file` that cannot be read or holds no certificate.
 * @example `const fetch = await createAgentFetch({ httpsProxy: 'http://proxy:3128' })`
 */
export async function createAgentFetch(settings: NetworkSettings): Promise<Fetch> {
  const ca = settings.caFile === undefined ? undefined : await trustedCas(settings.caFile, settings.caFileLabel ?? 'ca_file', settings.extraCaCerts)
  const tls = ca === undefined ? {} : { connect: { ca }, requestTls: { ca }, proxyTls: { ca } }
  const proxied = new EnvHttpProxyAgent({
    // '' rather than absent: undici would read process.env itself, the CLI reads its own env.
    httpProxy: settings.httpProxy ?? '',
    httpsProxy: settings.httpsProxy ?? '',
    noProxy: settings.noProxy ?? '',
    ...tls,
  })
  const dispatcher = loopbackDirect(proxied, new Agent(ca === undefined ? {} : { connect: { ca } }))
  // undici's Response is not the global class; openid-client and core accept it (duck-typed).
  return (input, init) => {
    const url = input instanceof Request ? input.url : input
    const fromRequest = input instanceof Request ? { method: input.method, headers: [...input.headers], signal: input.signal } : {}
    return undiciFetch(url, { ...fromRequest, ...init, dispatcher } as UndiciRequestInit) as unknown as Promise<Response>
  }
}

/**
 * `proxied`, except that loopback hosts (`127.0.0.0/8`, `::1`, `localhost`) are always reached
 * through `direct`, whatever `NO_PROXY` says: plain http is allowed to them only because the bytes
 * never leave the machine, and a proxy would see the bearer token in clear (and could answer for
 * the issuer). Decided per request, so a redirect to loopback is direct too. curl and Go do the same.
 */
export function loopbackDirect(proxied: Dispatcher, direct: Dispatcher): Dispatcher {
  return proxied.compose((dispatch) => (options, handler) => {
    let hostname = ''
    try {
      hostname = new URL(String(options.origin)).hostname
    } catch {
      // no origin: undici reports it
    }
    return isLoopbackHost(hostname) ? direct.dispatch(options, handler) : dispatch(options, handler)
  })
}

/** The system CAs, `NODE_EXTRA_CA_CERTS` (kept: a `ca` list replaces the default one) and `ca_file`'s certificates. */
async function trustedCas(caFile: string, label: string, extraCaCerts: string | undefined): Promise<string[]> {
  const own = await readCaFile(caFile, label)
  const extra =
    extraCaCerts === undefined
      ? []
      : await readFile(extraCaCerts, 'utf8').then(
          (text) => text.match(PEM_CERTIFICATE) ?? [],
          () => [],
        )
  return [...rootCertificates, ...extra, ...own]
}

/**
 * Reads `ca_file`: a PEM file with at least one certificate, each one parsed.
 * @throws ConfigError `CONFIG_ERROR` naming the file and the key.
 */
export async function readCaFile(caFile: string, label: string): Promise<string[]> {
  const fail = (problem: string): never => {
    throw new ConfigError(`${label} ${caFile}: ${problem}`, { hint: `point ${label} at a PEM file of CA certificates (-----BEGIN CERTIFICATE-----), or remove it` })
  }
  let text = ''
  try {
    text = await readFile(caFile, 'utf8')
  } catch (error) {
    fail(`cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  const certificates = text.match(PEM_CERTIFICATE) ?? []
  if (certificates.length === 0) fail('holds no PEM certificate')
  for (const certificate of certificates) {
    try {
      new X509Certificate(certificate)
    } catch {
      fail('holds a certificate that does not parse')
    }
  }
  return certificates
}
