// openid-client Configurations: discovery through core's metadata cache, a fresh Configuration per call. Internal.
import { toAuthError } from '@auth/core'
import { createFlowFetch, createServerMetadataCache, type FlowRuntime } from '@auth/core/kit'
import { Configuration, None, allowInsecureRequests, customFetch, discovery, type CustomFetch, type ServerMetadata } from 'openid-client'
import type { Settings } from './_options.js'

/** Returns a Configuration bound to one call's fetch, signal and logger. */
export type ConfigFor = (runtime: FlowRuntime) => Promise<Configuration>

/** The fetch of one call: the caller's, logged, aborted by the call's signal, bodies capped. */
export function flowFetch(runtime: FlowRuntime): typeof globalThis.fetch {
  return createFlowFetch({ fetch: runtime.fetch, logger: runtime.logger, signal: runtime.signal })
}

/**
 * Discovers the server once per flow (concurrent calls join one discovery; a failed one is
 * retried on the next call) and hands out a Configuration per call, so that concurrent calls
 * never share a signal. Plain `http://` is allowed only when the issuer is `http://`, which the
 * options allowed (loopback, or `allowInsecure`).
 */
export function createConfigFor(settings: Settings): ConfigFor {
  const metadata = createServerMetadataCache<ServerMetadata>()
  return async (runtime) => {
    const server = await metadata({ issuer: settings.issuer, clientId: settings.clientId }, () => discover(settings, runtime))
    const config = new Configuration(server, settings.clientId, undefined, None())
    config[customFetch] = flowFetch(runtime) as CustomFetch
    if (settings.issuer.protocol === 'http:') allowInsecureRequests(config)
    return config
  }
}

async function discover(settings: Settings, runtime: FlowRuntime): Promise<ServerMetadata> {
  try {
    const config = await discovery(settings.issuer, settings.clientId, undefined, None(), {
      [customFetch]: flowFetch(runtime) as CustomFetch,
      execute: settings.issuer.protocol === 'http:' ? [allowInsecureRequests] : [],
    })
    return config.serverMetadata()
  } catch (error) {
    throw toAuthError(error, { operation: 'discovery', host: settings.issuer.origin })
  }
}
