/**
 * Wraps a fetch so that a refresh-token grant asks for `scopes` (RFC 6749 §6: `scope`, which
 * may only narrow what the login was granted). Only a POST whose form body says
 * `grant_type=refresh_token` and carries no `scope` yet is changed; every other request goes
 * out as it came. `@auth/flow-device` sends no `scope` when it refreshes and its options have
 * no setting for one, so `authcli auth refresh --scope` adds it on the way out (the flow's
 * `fetch` escape hatch) instead of changing the flow's or core's interface.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 * @example `createLoginContext(ctx, { wrapFetch: (f) => withRefreshScope(f, ['openid']) })`
 */
export function withRefreshScope(base: typeof globalThis.fetch, scopes: readonly string[]): typeof globalThis.fetch {
  return (input, init) => {
    const body = init?.body
    if (init?.method?.toUpperCase() !== 'POST' || !(body instanceof URLSearchParams)) return base(input, init)
    if (body.get('grant_type') !== 'refresh_token' || body.has('scope')) return base(input, init)
    const scoped = new URLSearchParams(body)
    scoped.set('scope', scopes.join(' '))
    return base(input, { ...init, body: scoped })
  }
}
