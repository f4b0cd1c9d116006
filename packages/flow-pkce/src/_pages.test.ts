import { describe, expect, it } from 'vitest'
import { SUCCESS_HTML, escapeHtml, failureHtml } from './_pages.js'

describe('pages', () => {
  it('the success page says so', () => {
    expect(SUCCESS_HTML).toContain('Logged in. You can close this tab and return to the terminal.')
  })

  it('the failure message is escaped, in ours and in a custom page', () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;')
    expect(failureHtml('<b>no</b>', undefined)).toContain('&#60;b&#62;no&#60;/b&#62;')
    expect(failureHtml('<i>', '<p>{{message}} / {{message}}</p>')).toBe('<p>&#60;i&#62; / &#60;i&#62;</p>')
  })
})
