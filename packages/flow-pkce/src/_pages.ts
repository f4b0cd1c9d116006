// The pages the loopback listener shows in the browser. Internal.

/** HTML-escapes text for an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}'

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title><style>${STYLE}</style></head><body>${body}</body></html>`
}

/** The default success page. */
export const SUCCESS_HTML = page('Logged in', '<h1>Logged in</h1><p>Logged in. You can close this tab and return to the terminal.</p>')

const DEFAULT_FAILURE = page('Login failed', '<h1>Login failed</h1><p>{{message}}</p><p>Return to the terminal for details.</p>')

/** The failure page: `template` (default one of ours) with `{{message}}` replaced, escaped. */
export function failureHtml(message: string, template: string | undefined): string {
  return (template ?? DEFAULT_FAILURE).replaceAll('{{message}}', escapeHtml(message))
}

/** The 404 page for anything but `GET /callback`. */
export const NOT_FOUND_HTML = page('Not found', '<h1>Not found</h1>')
