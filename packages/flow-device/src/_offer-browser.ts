// "Open the page in your browser now?", asked while polling goes on. Internal.
import type { LoginContext } from '@auth/core'

/** A pending offer: `settled` resolves once answered, dismissed or cancelled (never rejects). */
export interface BrowserOffer {
  readonly settled: Promise<void>
  /** Withdraws the question (the login ended first). */
  cancel(): void
}

const NO_OFFER: BrowserOffer = { settled: Promise.resolve(), cancel: () => {} }

/**
 * Offers to open `url` when there is an opener and somebody to ask (an interactive context with
 * a prompter). Polling does not wait for the answer: the user may approve on another device.
 * A failed opener is a warning, never a failed login.
 */
export function offerBrowser(url: string, open: ((url: string) => Promise<boolean>) | undefined, ctx: LoginContext): BrowserOffer {
  const prompter = ctx.prompter
  if (open === undefined || ctx.interactive !== true || prompter === undefined) return NO_OFFER
  const controller = new AbortController()
  const onAbort = (): void => controller.abort()
  ctx.signal?.addEventListener('abort', onAbort, { once: true })
  const ask = async (): Promise<void> => {
    const yes = await prompter.confirm('Open the page in your browser now?', { default: true, signal: controller.signal })
    if (!yes || controller.signal.aborted) return
    const opened = await open(url).catch(() => false)
    if (!opened) ctx.output?.warn('Could not open a browser: open the page above by hand.')
  }
  const settled = ask()
    .catch(() => {})
    .finally(() => ctx.signal?.removeEventListener('abort', onAbort))
  return { settled, cancel: () => controller.abort() }
}
