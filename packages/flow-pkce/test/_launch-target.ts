// The authorization URL behind the `file://` page the flow hands to its opener (read as the
// user, as the browser does).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The URL the launch page at `pageUrl` sends the browser on to; `pageUrl` itself when it is no page. */
export function launchTarget(pageUrl: string): string {
  if (!pageUrl.startsWith('file:')) return pageUrl
  const html = readFileSync(fileURLToPath(pageUrl), 'utf8')
  const target = /http-equiv="refresh" content="0;url=([^"]+)"/.exec(html)?.[1] ?? ''
  return target.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
}
