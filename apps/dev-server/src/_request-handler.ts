// One port, three kinds of route: /api/* and /_dev/* here, everything else oidc-provider.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { Provider } from 'oidc-provider'
import { handleApi, type ApiContext } from './_api-routes.js'
import { handleDev, type DevRouteContext } from './_dev-routes.js'
import { sendError } from './_http.js'
import { SESSION_PATH } from './_password-sessions.js'

type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>

/** The request listener of the dev server. */
export function createRequestHandler(provider: Provider, issuer: string, context: ApiContext & DevRouteContext): RequestListener {
  const oidc = provider.callback()
  const api: Route = (req, res, url) => handleApi(req, res, url, context)
  const dev: Route = (req, res, url) => handleDev(req, res, url, context)
  const session: Route = (req, res) => context.sessions.handle(req, res, context.counters)
  return (req, res) => {
    const url = new URL(req.url ?? '/', issuer)
    const route = url.pathname === SESSION_PATH ? session : url.pathname.startsWith('/api/') ? api : url.pathname.startsWith('/_dev/') ? dev : undefined
    if (route === undefined) {
      void oidc(req, res)
      return
    }
    route(req, res, url).catch((error: unknown) => {
      if (res.headersSent) res.destroy()
      else sendError(res, error)
    })
  }
}
