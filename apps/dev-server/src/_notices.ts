// oidc-provider prints notices with console.warn/console.info ("Unsupported runtime",
// "devInteractions is enabled", ...). While a dev server runs, those lines go to the
// running servers' `warnings` instead of the terminal; every other line passes through.

type ConsoleMethod = (...args: unknown[]) => void

const sinks = new Set<string[]>()
let restore: (() => void) | undefined

const ANSI = /\x1b\[[0-9;]*m/g

/** Starts collecting notices into `sink`; the returned function stops it. */
export function collectNotices(sink: string[]): () => void {
  sinks.add(sink)
  restore ??= patchConsole()
  return () => {
    sinks.delete(sink)
    if (sinks.size === 0) {
      restore?.()
      restore = undefined
    }
  }
}

function patchConsole(): () => void {
  const original = { warn: console.warn, info: console.info }
  const warn: ConsoleMethod = (...args) => route(original.warn, args)
  const info: ConsoleMethod = (...args) => route(original.info, args)
  console.warn = warn
  console.info = info
  return () => {
    if (console.warn === warn) console.warn = original.warn
    if (console.info === info) console.info = original.info
  }
}

function route(original: ConsoleMethod, args: unknown[]): void {
  const first = args[0]
  const text = typeof first === 'string' ? first.replace(ANSI, '') : undefined
  if (text?.startsWith('oidc-provider ') !== true) {
    original.apply(console, args)
    return
  }
  for (const sink of sinks) sink.push(text)
}
