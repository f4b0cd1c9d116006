// openid-client Configurations: discovery once per flow, a fresh Configuration per call. Internal.
import { toAuthError } from '@auth/core'
import { Configuration, None, allowInsecureRequests, customFetch, discovery, type ServerMetadata } from 'openid-client'
import { boundFetch } from './_kit.js'
import type { Settings } from './_options.js'
import type { Runtime } from './_runtime.js'

/** Returns a Configuration bound to one call's fetch, signal and logger. */
export type ConfigFor = (runtime: Runtime) => Promise<Configuration>

/**
 * Discovers the server once per flow (a failed discovery is retried on the next call) and hands
 * out a Configuration per call, so that concurrent calls never share a signal. Plain `http://`
 * is allowed only when the issuer is `http://`, which the options allowed (loopback, or
 * `allowInsecure`).
 */
export function createConfigFor(settings: Settings): ConfigFor {
  let metadata: ServerMetadata | undefined
  return async (runtime) => {
    metadata ??= await discover(settings, runtime)
    const config = new Configuration(metadata, settings.clientId, undefined, None())
    config[customFetch] = boundFetch(runtime.fetch, runtime.signal, runtime.logger)
    if (settings.issuer.protocol === 'http:') allowInsecureRequests(config)
    return config
  }
}

async function discover(settings: Settings, runtime: Runtime): Promise<ServerMetadata> {
  try {
    const config = await discovery(settings.issuer, settings.clientId, undefined, None(), {
      [customFetch]: boundFetch(runtime.fetch, runtime.signal, runtime.logger),
      execute: settings.issuer.protocol === 'http:' ? [allowInsecureRequests] : [],
    })
    return config.serverMetadata()
  } catch (error) {
    throw toAuthError(error, { operation: 'discovery', host: settings.issuer.origin })
  }
}
