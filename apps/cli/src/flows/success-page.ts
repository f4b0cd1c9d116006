/**
 * The page the browser shows once the login's code reached the CLI: it names the tool and the
 * host (the account is known only after the code is exchanged: the terminal says it).
 * @example `successPage('authcli', 'https://api.example.com')` contains `authcli is logged in to https://api.example.com`
 */
export function successPage(name: string, host: string): string {
  const tool = escapeHtml(name)
  const where = escapeHtml(host)
  const style = 'body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}'
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${tool}: logged in</title><style>${style}</style></head><body><h1>${tool} is logged in to ${where}</h1><p>The terminal shows the account. You can close this tab and return to it.</p></body></html>`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
