/** What the lazily loaded flows chunk offers (`src/flows/index.ts`). */
export type FlowsModule = typeof import('./flows/index.js')

let loading: Promise<FlowsModule> | undefined

/**
 * Loads the flows (openid-client, the flow packages) on first use. In the bundle this is a
 * separate chunk: a command that finds a valid token never reads it.
 * @example `const { createFlow } = await loadFlows()`
 */
export function loadFlows(): Promise<FlowsModule> {
  loading ??= import('./flows/index.js')
  return loading
}
