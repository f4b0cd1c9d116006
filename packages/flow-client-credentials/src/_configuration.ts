import { Configuration, allowInsecureRequests, customFetch, type ClientAuth, type CustomFetch, type ServerMetadata } from 'openid-client'
import type { FlowConfig } from './_check-options.js'

/** An openid-client configuration for one request: the cached metadata, this client auth, this fetch. Internal. */
export function configurationFor(metadata: ServerMetadata, config: FlowConfig, auth: ClientAuth, fetch: CustomFetch): Configuration {
  const configuration = new Configuration(metadata, config.clientId, undefined, auth)
  if (config.insecure) allowInsecureRequests(configuration)
  configuration[customFetch] = fetch
  return configuration
}
