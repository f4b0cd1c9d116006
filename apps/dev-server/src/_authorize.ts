// Plays the user's browser over plain HTTP through oidc-provider's devInteractions pages:
// follow redirects with cookies, sign in, consent (or cancel), and stop at the redirect
// that leaves the server, without following it.
import { isValidLogin } from './_accounts.js'
import { CookieJar } from './_cookie-jar.js'
import { DEFAULT_LOGIN } from './constants.js'
import type { AuthorizeOptions } from './types.js'

interface Step {
  readonly url: URL
  readonly method: 'GET' | 'POST'
  readonly form?: URLSearchParams
}

const MAX_STEPS = 12

/**
 * Walks `authorizationUrl` to the redirect back to the client.
 * @throws TypeError on a malformed login; Error when the URL is not on `issuer`, or the server
 *   shows an error page instead of redirecting.
 */
export async function authorize(issuer: string, authorizationUrl: string, options: AuthorizeOptions = {}): Promise<string> {
  if (options.login !== undefined && !isValidLogin(options.login)) {
    throw new TypeError('@auth/dev-server: authorize: "login" must be 1-64 characters of [A-Za-z0-9_.@+-]')
  }
  const origin = new URL(issuer).origin
  const jar = new CookieJar()
  let step: Step = { url: new URL(authorizationUrl), method: 'GET' }
  if (step.url.origin !== origin) throw new Error(`@auth/dev-server: authorize: ${step.url.origin} is not this server (${origin})`)
  for (let i = 0; i < MAX_STEPS; i++) {
    const response = await send(step, jar)
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel()
      const next = new URL(location, step.url)
      if (next.origin !== origin) return next.href
      step = { url: next, method: 'GET' }
      continue
    }
    step = nextStep(response.status, await response.text(), options)
  }
  throw new Error(`@auth/dev-server: authorize: no redirect to the client after ${MAX_STEPS} requests`)
}

async function send(step: Step, jar: CookieJar): Promise<Response> {
  const headers = new Headers({ accept: 'text/html' })
  const cookie = jar.header()
  if (cookie !== undefined) headers.set('cookie', cookie)
  const init: RequestInit = { method: step.method, headers, redirect: 'manual' }
  if (step.form !== undefined) init.body = step.form
  const response = await fetch(step.url, init)
  jar.store(response.headers)
  return response
}

/** What the user does on a page: sign in, consent, or cancel. */
function nextStep(status: number, html: string, options: AuthorizeOptions): Step {
  const action = /<form[^>]*\saction="([^"]+)"/.exec(html)?.[1]
  const prompt = /name="prompt" value="(login|consent)"/.exec(html)?.[1]
  if (status !== 200 || action === undefined || prompt === undefined) {
    throw new Error(`@auth/dev-server: authorize: the server answered ${status}: ${pageText(html)}`)
  }
  const url = new URL(action.replaceAll('&amp;', '&'))
  if (options.deny === true) return { url: new URL(`${url.pathname}/abort`, url), method: 'GET' }
  const form = new URLSearchParams({ prompt })
  if (prompt === 'login') {
    form.set('login', options.login ?? DEFAULT_LOGIN)
    form.set('password', 'dev-password')
  }
  return { url, method: 'POST', form }
}

/** The visible text of an error page, shortened. */
function pageText(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html
  const text = body
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return text.length > 300 ? `${text.slice(0, 300)}...` : text
}
