// Koa middleware mounted in front of oidc-provider's routes.
import type { ProviderContext, ProviderMiddleware } from 'oidc-provider'
import type { Counters } from './_counters.js'

/** Counts every request by oidc-provider route name, and token requests also by `grant_type`. */
export function countRequests(counters: Counters): ProviderMiddleware {
  return async (ctx, next) => {
    await next()
    const route = ctx.oidc?.route
    if (route === undefined) return
    counters.increment(route)
    if (route === 'token') counters.increment(grantTypeOf(ctx))
  }
}

function grantTypeOf(ctx: ProviderContext): string {
  const value = ctx.oidc?.params?.['grant_type'] ?? ctx.oidc?.body?.['grant_type']
  return typeof value === 'string' ? value : 'unknown_grant_type'
}

/** Adds `interval` to a successful device authorization response (oidc-provider omits it). */
export function announceDeviceInterval(interval: number): ProviderMiddleware {
  return async (ctx, next) => {
    await next()
    if (ctx.oidc?.route !== 'device_authorization' || ctx.status !== 200) return
    if (typeof ctx.body === 'object' && ctx.body !== null) ctx.body = { ...ctx.body, interval }
  }
}

const FONT_IMPORT = /@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);?/g

/** Drops the web-font `@import` of the built-in pages, so a browser on them stays on loopback. */
export function stripWebFont(): ProviderMiddleware {
  return async (ctx, next) => {
    await next()
    if (typeof ctx.body === 'string' && ctx.body.includes('fonts.googleapis.com')) {
      ctx.body = ctx.body.replace(FONT_IMPORT, '')
    }
  }
}
