// Deliberate misbehaviour (the `tamper` option): a hostile discovery document, or an
// authorization response whose `iss` or `state` is not what the client expects.
import type { ProviderMiddleware } from 'oidc-provider'
import type { TamperOptions } from './types.js'

/** The middleware for `tamper`, or none when nothing is tampered with. */
export function tamperMiddleware(tamper: TamperOptions): ProviderMiddleware[] {
  const middleware: ProviderMiddleware[] = []
  if (tamper.metadata !== undefined) middleware.push(overrideMetadata(tamper.metadata))
  if (tamper.authorizationResponse !== undefined) middleware.push(rewriteAuthorizationResponse(tamper.authorizationResponse))
  return middleware
}

function overrideMetadata(fields: Readonly<Record<string, unknown>>): ProviderMiddleware {
  return async (ctx, next) => {
    await next()
    if (ctx.oidc?.route !== 'discovery' || ctx.status !== 200) return
    if (typeof ctx.body === 'object' && ctx.body !== null) ctx.body = { ...ctx.body, ...fields }
  }
}

function rewriteAuthorizationResponse(mode: NonNullable<TamperOptions['authorizationResponse']>): ProviderMiddleware {
  return async (ctx, next) => {
    await next()
    if (ctx.status < 300 || ctx.status > 399) return
    const location = ctx.response.get('location')
    if (!/^https?:\/\//i.test(location)) return
    const url = new URL(location)
    if (!url.searchParams.has('code') && !url.searchParams.has('error')) return
    if (mode === 'no-iss') url.searchParams.delete('iss')
    if (mode === 'wrong-iss') url.searchParams.set('iss', 'https://attacker.example')
    if (mode === 'wrong-state') url.searchParams.set('state', `${url.searchParams.get('state') ?? ''}-tampered`)
    ctx.response.set('location', url.href)
  }
}
