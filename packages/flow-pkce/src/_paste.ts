// The redirect URL (or only the code) pasted in the terminal. Internal.
import type { Prompter } from '@auth/core'
import type { PasteInput } from './types.js'

const MAX_LINE = 8192

/**
 * Reads what the user pastes, line by line, handing each non-empty line to `take` until it
 * returns `true`. From the prompter when there is one, else from `input` (stdin). Resolves
 * `true` when a line was taken, `false` when the source ended (EOF, or `signal` aborted).
 */
export async function readPasted(
  source: { prompter?: Prompter | undefined; input?: PasteInput | undefined },
  prompt: string,
  take: (line: string) => boolean,
  signal: AbortSignal,
  onEmpty?: () => void,
): Promise<boolean> {
  // An empty line (Enter) goes to `onEmpty`: the browser flow's "Press Enter to open ...".
  const takeLine = (line: string): boolean => (line === '' ? (onEmpty?.(), false) : take(line))
  if (source.prompter !== undefined) return fromPrompter(source.prompter, prompt, takeLine, signal)
  if (source.input !== undefined) return fromStream(source.input, takeLine, signal)
  return false
}

async function fromPrompter(prompter: Prompter, prompt: string, take: (line: string) => boolean, signal: AbortSignal): Promise<boolean> {
  while (!signal.aborted) {
    const line = await prompter.text(prompt, { signal }).catch(() => undefined)
    if (line === undefined) return false
    if (take(line.trim())) return true
  }
  return false
}

/** A Node readable (stdin): read with events, so that stopping can pause it without destroying it. */
interface NodeReadable {
  on(event: string, listener: (...args: never[]) => void): unknown
  off(event: string, listener: (...args: never[]) => void): unknown
  pause(): unknown
  resume(): unknown
  unref?(): unknown
}

function isNodeReadable(input: unknown): input is NodeReadable {
  const r = input as Partial<NodeReadable>
  return typeof r.on === 'function' && typeof r.off === 'function' && typeof r.pause === 'function' && typeof r.resume === 'function'
}

/** Splits chunks into lines, handing each to `take` until it returns `true`. */
function lineSplitter(take: (line: string) => boolean) {
  const decoder = new TextDecoder()
  let buffer = ''
  return {
    push(chunk: string | Uint8Array): boolean {
      buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
      let newline: number
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim()
        buffer = buffer.slice(newline + 1)
        if (line.length <= MAX_LINE && take(line)) return true
      }
      if (buffer.length > MAX_LINE) buffer = ''
      return false
    },
    end(): boolean {
      const line = buffer.trim()
      buffer = ''
      return line !== '' && line.length <= MAX_LINE && take(line)
    },
  }
}

function fromReadable(input: NodeReadable, take: (line: string) => boolean, signal: AbortSignal): Promise<boolean> {
  const lines = lineSplitter(take)
  return new Promise((resolve) => {
    const finish = (taken: boolean): void => {
      input.off('data', onData)
      input.off('end', onEnd)
      input.off('error', onEnd)
      signal.removeEventListener('abort', onAbort)
      // Paused and unreferenced, a pipe or terminal no longer keeps the process alive (a pipe
      // left open by the caller would, even paused). A product that reads it later resumes it.
      input.pause()
      input.unref?.()
      resolve(taken)
    }
    const onData = (chunk: string | Uint8Array): void => void (lines.push(chunk) && finish(true))
    const onEnd = (): void => finish(!signal.aborted && lines.end())
    const onAbort = (): void => finish(false)
    if (signal.aborted) return resolve(false)
    signal.addEventListener('abort', onAbort, { once: true })
    input.on('data', onData)
    input.on('end', onEnd)
    input.on('error', onEnd)
    input.resume()
  })
}

async function fromStream(input: PasteInput, take: (line: string) => boolean, signal: AbortSignal): Promise<boolean> {
  if (isNodeReadable(input)) return fromReadable(input, take, signal)
  const iterator = input[Symbol.asyncIterator]()
  let onAbort: (() => void) | undefined
  const aborted = new Promise<{ done: true; value: undefined }>((resolve) => {
    onAbort = () => resolve({ done: true, value: undefined })
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
  })
  const lines = lineSplitter(take)
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted])
      if (next.done === true) return !signal.aborted && lines.end()
      if (lines.push(next.value)) return true
    }
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort)
    void Promise.resolve(iterator.return?.()).catch(() => {})
  }
}

/**
 * What a pasted line holds: the query of a redirect URL (`http://127.0.0.1:PORT/callback?code=...`,
 * or just `code=...&state=...`), or a bare code (then `bare` is true). `undefined` for anything
 * else (spaces inside, say).
 */
export function parsePasted(line: string): { params: URLSearchParams; bare: boolean } | undefined {
  const text = line.replace(/^["'<]+|["'>]+$/g, '')
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      const url = new URL(text)
      const params = new URLSearchParams(url.search)
      if (!params.has('code') && !params.has('error') && url.hash.length > 1) return { params: new URLSearchParams(url.hash.slice(1)), bare: false }
      return { params, bare: false }
    } catch {
      return undefined
    }
  }
  if (/^\??[^=\s]+=[^\s]*(&[^=\s]+=[^\s]*)*$/.test(text)) {
    const params = new URLSearchParams(text.replace(/^\?/, ''))
    if (params.has('code') || params.has('error')) return { params, bare: false }
  }
  if (/^[\x21-\x7e]{1,2048}$/.test(text) && !text.includes('=')) return { params: new URLSearchParams({ code: text }), bare: true }
  return undefined
}
