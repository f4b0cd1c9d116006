// Waiting for this login's authorization code: from the listener, or pasted. Internal.
import { tmpdir } from 'node:os'
import { applyHint, AuthError, AuthenticationError, ErrorCode, type LoginContext, type Output, type HintKeyValue } from '@auth/core'
import { formatDuration, sanitizeText } from '@auth/core/kit'
import type { FlowRuntime } from '@auth/oidc'
import { judge, type Expected } from './_callback.js'
import { cancelledError, pkceHints, timeoutError } from './_errors.js'
import { writeLaunchPage, type LaunchPage } from './_launch-page.js'
import { startListener, LOOPBACK } from './_listener.js'
import type { Settings } from './_options.js'
import { parsePasted, readPasted } from './_paste.js'
import type { PasteInput } from './types.js'

/** This login's code and the redirect URI it was issued for. */
export interface Received {
  readonly code: string
  readonly redirectUri: string
  /** The `iss` of the response (RFC 9207), when it carried one. */
  readonly iss: string | undefined
}

/** How long the listener stays up after the code for the browser to fetch the success page. */
const SUCCESS_PAGE_GRACE_MS = 3000

/** The out-of-band redirect URI: the server shows the code instead of redirecting. */
const OUT_OF_BAND = 'urn:ietf:wg:oauth:2.0:oob'

const PASTE_PROMPT = 'Paste the redirect URL (or only the code) here: '

/**
 * Browser mode: binds the listener first, then prints and opens `url(redirectUri)`, and waits for
 * this login's response at the listener or pasted in the terminal, until `settings.timeoutMs`
 * or the signal. The listener is closed whatever happens.
 */
export async function browserCode(settings: Settings, expected: Expected, url: (redirectUri: string) => URL, runtime: FlowRuntime, ctx: LoginContext): Promise<Received> {
  const output = ctx.output
  const listener = await startListener({
    ports: settings.ports,
    rangeLabel: settings.rangeLabel,
    judge: (params) => judge(params, expected, settings),
    successHtml: settings.successHtml,
    failureHtml: settings.failureHtml,
    onForeign: () => output?.warn('The browser sent a response of another login attempt (its state does not match); still waiting.'),
  })
  const waiting = new AbortController()
  let page: LaunchPage | undefined
  try {
    const href = url(listener.redirectUri).href
    const source = pasteSource(settings, ctx)
    const canPaste = source.prompter !== undefined || source.input?.isTTY === true
    const notOpened = (why: string): void => {
      const [first, ...advice] = browserUnavailable(why, listener.redirectUri, canPaste, ctx)
      output?.warn(first ?? '')
      for (const line of advice) output?.info(line)
    }
    if (settings.openUrl !== undefined) openInProcess(settings.openUrl, href, output, waiting.signal)
    else {
      output?.info(`Opening the login page in your browser. If it does not open (a confined browser may not read the local page), visit:\n\n  ${href}\n`)
      page = await openLaunchPage(settings, settings.dir ?? ctx.dir ?? tmpdir(), href, notOpened, waiting.signal)
    }
    const stopReminders = announceWait(output, Math.min(settings.timeoutMs, ctx.timeoutMs ?? Number.POSITIVE_INFINITY), source.prompter === undefined && source.input?.isTTY === true)
    waiting.signal.addEventListener('abort', stopReminders, { once: true })
    const pasted =
      source.prompter === undefined && source.input === undefined
        ? new Promise<never>(() => {})
        : pasteCode(source, listener.redirectUri, expected, settings, output, waiting.signal).then((r) => r ?? new Promise<never>(() => {}))
    const viaListener = listener.result.then(async (code) => {
      await listener.settled(SUCCESS_PAGE_GRACE_MS)
      return { code, redirectUri: listener.redirectUri, iss: expected.issRequired ? expected.issuer : undefined }
    })
    return await race([viaListener, pasted], settings, runtime.signal)
  } finally {
    waiting.abort()
    await Promise.all([listener.close(), page?.remove()])
  }
}

/** How often a wait for the browser says how much time is left: a fifth of the limit, from 1 s to a minute. */
const reminderMs = (limitMs: number): number => Math.min(60_000, Math.max(1000, Math.round(limitMs / 5)))

/**
 * Says how long the flow waits for the browser and how to stop, as the device flow's countdown
 * does (a wrong client id leaves the browser on the server's error page while the terminal
 * waits): at the start, then every fifth of the limit (once a minute at most). A live countdown line would garble a paste being
 * typed on the same terminal, so these are whole lines. Returns the function that stops them.
 */
function announceWait(output: Output | undefined, limitMs: number, canPaste: boolean): () => void {
  if (output === undefined) return () => {}
  const deadline = performance.now() + limitMs
  const paste = canPaste ? '; or paste the redirect URL here' : ''
  output.info(`Waiting for the browser (up to ${formatDuration(limitMs)}; Ctrl-C to stop${paste})...`)
  const timer = setInterval(() => {
    const left = deadline - performance.now()
    if (left > 1000) output.info(`Still waiting for the browser: ${formatDuration(left)} left (Ctrl-C to stop).`)
  }, reminderMs(limitMs))
  timer.unref()
  return () => clearInterval(timer)
}

/**
 * Hands the browser a private page that sends it on to `href` (never `href` itself: the opener's
 * argv is readable by every local user); without one, or when no opener starts, `notOpened` says
 * why and the printed URL is the way.
 */
async function openLaunchPage(settings: Settings, dir: string, href: string, notOpened: (why: string) => void, signal: AbortSignal): Promise<LaunchPage | undefined> {
  let page: LaunchPage
  try {
    page = await writeLaunchPage(dir, href)
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    notOpened(`no private page for the browser could be written in ${dir}${typeof code === 'string' ? ` (${code})` : ''}`)
    return undefined
  }
  void settings.openBrowser(page.url).then(
    (attempt) => attempt.opened || signal.aborted || notOpened(attempt.failures.length === 0 ? 'the opener said no' : attempt.failures.join('; ')),
    () => signal.aborted || notOpened('the opener failed'),
  )
  return page
}

/** The programmatic authorization step: the URL goes to a function in this process, never to an argv. */
function openInProcess(open: (url: string) => Promise<unknown>, href: string, output: Output | undefined, signal: AbortSignal): void {
  const failed = 'The authorization step did not complete (the "openUrl" hook gave up).'
  void Promise.resolve()
    .then(() => open(href))
    .then(
      (handled) => handled !== false || signal.aborted || output?.warn(failed),
      () => signal.aborted || output?.warn(failed),
    )
}

/**
 * What to say when the browser did not open: what failed, then what to do (paste back the
 * address a browser elsewhere lands on, forward the port, or another flow), in the product's
 * words when it has them (`HintKey.BROWSER_UNAVAILABLE`).
 */
function browserUnavailable(why: string, redirectUri: string, canPaste: boolean, ctx: LoginContext): string[] {
  const port = new URL(redirectUri).port
  const paste = canPaste
    ? `Open the URL above in any browser. One on another machine (over SSH) lands on ${redirectUri}?code=..., a page that does not load there: copy that whole address and paste it here.`
    : 'Open the URL above in a browser on this machine.'
  const generic = `forward the port from the machine with the browser (ssh -L ${port}:127.0.0.1:${port}) and pin it (the "port" option), or log in with the device flow`
  const advice = applyHint(new AuthError('browser unavailable', { hint: generic, hintKey: 'browser-unavailable' satisfies HintKeyValue }), ctx.hints).hint ?? generic
  return [`Could not open a browser (${sanitizeText(why, 400)}).`, paste, `Else: ${advice}.`]
}

/**
 * No-browser mode: prints the URL, then reads the pasted redirect URL or code, until one is this
 * login's, the input ends, `settings.timeoutMs` or the signal.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when nothing can be read, or the input ended first.
 */
export async function pastedCode(settings: Settings, expected: Expected, url: (redirectUri: string) => URL, runtime: FlowRuntime, ctx: LoginContext): Promise<Received> {
  const source = pasteSource(settings, ctx)
  if (source.prompter === undefined && source.input === undefined) throw nothingToRead(settings)
  const output = ctx.output
  let redirectUri: string
  if (settings.outOfBand) {
    redirectUri = OUT_OF_BAND
    output?.info(`Open this URL in a browser on any device and approve the login:\n\n  ${url(redirectUri).href}\n`)
    output?.info('The server then shows a code. Paste it here.')
  } else {
    redirectUri = settings.ports[0] === 0 ? `http://${LOOPBACK}/callback` : `http://${LOOPBACK}:${settings.ports[0]}/callback`
    output?.info(`Open this URL in a browser on any device and approve the login:\n\n  ${url(redirectUri).href}\n`)
    output?.info(`The browser then lands on a page that does not load (${redirectUri}?code=...). Copy that whole address from the address bar and paste it here (or only the code).`)
  }
  const waiting = new AbortController()
  try {
    const received = pasteCode(source, redirectUri, expected, settings, output, waiting.signal).then((r) => r ?? Promise.reject(nothingToRead(settings, true)))
    return await race([received], settings, runtime.signal)
  } finally {
    waiting.abort()
  }
}

function pasteSource(settings: Settings, ctx: LoginContext): { prompter?: LoginContext['prompter']; input?: PasteInput } {
  if (ctx.interactive === true && ctx.prompter !== undefined) return { prompter: ctx.prompter }
  const input = settings.input()
  return input === undefined ? {} : { input }
}

/** Reads pasted lines until one is this login's response; `undefined` when the input ended. */
async function pasteCode(
  source: ReturnType<typeof pasteSource>,
  redirectUri: string,
  expected: Expected,
  settings: Settings,
  output: Output | undefined,
  signal: AbortSignal,
): Promise<Received | undefined> {
  let received: Received | undefined
  let failure: AuthError | undefined
  await readPasted(
    source,
    PASTE_PROMPT,
    (line) => {
      const pasted = parsePasted(line)
      if (pasted === undefined) {
        output?.warn('That is neither a redirect URL nor a code; paste the whole address of the page the browser landed on.')
        return false
      }
      if (pasted.bare) pasted.params.set('state', expected.state)
      if (pasted.bare && expected.issRequired) pasted.params.set('iss', expected.issuer)
      const verdict = judge(pasted.params, expected, settings)
      if (verdict.kind === 'foreign') {
        output?.warn('That redirect URL belongs to another login attempt (its state does not match); paste the one of this login.')
        return false
      }
      if (verdict.kind === 'failed') failure = verdict.error
      else received = { code: verdict.code, redirectUri, iss: pasted.params.get('iss') ?? undefined }
      return true
    },
    signal,
  )
  if (failure !== undefined) throw failure
  return received
}

/** The first of `waits` to settle, unless the time limit or the signal comes first. */
async function race<T>(waits: Promise<T>[], settings: Settings, signal: AbortSignal | undefined): Promise<T> {
  if (signal?.aborted) throw cancelledError(signal.reason)
  let timer: NodeJS.Timeout | undefined
  let onAbort: (() => void) | undefined
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(settings)), settings.timeoutMs)
    onAbort = () => reject(cancelledError(signal?.reason))
    signal?.addEventListener('abort', onAbort, { once: true })
  })
  try {
    return await Promise.race([...waits, stop])
  } finally {
    clearTimeout(timer)
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort)
  }
}

function nothingToRead(settings: Settings, ended = false): AuthenticationError {
  const what = ended ? 'the input ended before a redirect URL or code was pasted' : 'there is nowhere to read the pasted redirect URL or code from (no prompter, no input)'
  return new AuthenticationError(`no-browser login: ${what}`, {
    code: ErrorCode.LOGIN_REQUIRED,
    hint: pkceHints(settings).login(false, ' at a terminal, or pipe the redirect URL into it; a product passes a prompter in the login context or the "input" option of @auth/flow-pkce'),
    hintKey: 'paste-input-missing' satisfies HintKeyValue,
  })
}
