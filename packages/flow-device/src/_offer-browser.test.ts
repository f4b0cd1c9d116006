import type { LoginContext, Prompter } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { offerBrowser } from './_offer-browser.js'

function prompter(answer: (signal?: AbortSignal) => Promise<boolean>): Prompter & { asked: number } {
  const p = {
    asked: 0,
    text: async () => '',
    confirm: async (_message: string, options?: { signal?: AbortSignal }) => {
      p.asked++
      return answer(options?.signal)
    },
  }
  return p
}

function ctx(extra: Partial<LoginContext>): LoginContext & { warnings: string[] } {
  const warnings: string[] = []
  return { warnings, output: { info: () => {}, warn: (l) => warnings.push(l) }, interactive: true, ...extra }
}

const URL_ = 'https://example.com/device?user_code=X'

describe('offerBrowser', () => {
  it('asks, and opens the URL on yes', async () => {
    const opened: string[] = []
    const c = ctx({ prompter: prompter(async () => true) })
    await offerBrowser(URL_, async (u) => (opened.push(u), true), c).settled
    expect(opened).toEqual([URL_])
    expect(c.warnings).toEqual([])
  })

  it('does not open on no', async () => {
    const opened: string[] = []
    await offerBrowser(URL_, async (u) => (opened.push(u), true), ctx({ prompter: prompter(async () => false) })).settled
    expect(opened).toEqual([])
  })

  it('does not ask without an opener, a prompter, or an interactive context', async () => {
    const p = prompter(async () => true)
    await offerBrowser(URL_, undefined, ctx({ prompter: p })).settled
    await offerBrowser(URL_, async () => true, ctx({ prompter: p, interactive: false })).settled
    await offerBrowser(URL_, async () => true, ctx({})).settled
    expect(p.asked).toBe(0)
  })

  it('warns when the browser cannot be opened (false or a throw), never fails', async () => {
    const c = ctx({ prompter: prompter(async () => true) })
    await offerBrowser(URL_, async () => false, c).settled
    await offerBrowser(URL_, async () => Promise.reject(new Error('no xdg-open')), c).settled
    expect(c.warnings).toEqual(['Could not open a browser: open the page above by hand.', 'Could not open a browser: open the page above by hand.'])
  })

  it('withdraws the question on cancel, and on abort of the login', async () => {
    const waitForAbort = (signal?: AbortSignal) => new Promise<boolean>((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))))
    const opened: string[] = []
    const offer = offerBrowser(URL_, async (u) => (opened.push(u), true), ctx({ prompter: prompter(waitForAbort) }))
    offer.cancel()
    await offer.settled
    const controller = new AbortController()
    const second = offerBrowser(URL_, async (u) => (opened.push(u), true), ctx({ prompter: prompter(waitForAbort), signal: controller.signal }))
    controller.abort()
    await second.settled
    expect(opened).toEqual([])
  })
})
