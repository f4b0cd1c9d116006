import { describe, expect, it } from 'vitest'
import { limitResponseBody, readJsonResponse, readResponseText } from './read-response.js'

function streamed(chunks: number, size: number, onPull?: () => void): Response {
  let sent = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.()
      if (sent++ >= chunks) controller.close()
      else controller.enqueue(new Uint8Array(size).fill(0x61))
    },
  })
  return new Response(body, { headers: { 'content-type': 'text/plain' } })
}

describe('readJsonResponse', () => {
  it('parses a JSON body', async () => {
    expect(await readJsonResponse(Response.json({ a: 1 }))).toEqual({ a: 1 })
  })
  it('refuses a body that is not JSON, naming its content type (issue 11 defect #5 neighbours)', async () => {
    const html = new Response('<html>', { headers: { 'content-type': 'text/html; charset=utf-8' } })
    await expect(readJsonResponse(html, { operation: 'discovery', where: 'https://as.test/x' })).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      exitCode: 5,
      message: 'discovery failed: unexpected response from https://as.test/x: the body is not JSON (text/html)',
    })
    await expect(readJsonResponse(new Response('', { headers: {} }))).rejects.toThrow('not JSON')
    const bare = new Response('x')
    bare.headers.delete('content-type')
    await expect(readJsonResponse(bare)).rejects.toThrow('the body is not JSON (no content-type)')
  })
  it('refuses a Content-Length over the cap without reading the body', async () => {
    let pulls = 0
    const response = streamed(1, 10, () => pulls++)
    const lying = new Response(response.body, { headers: { 'content-length': String(2 << 20) } })
    await expect(readJsonResponse(lying)).rejects.toThrow(`larger than ${1 << 20} bytes`)
    expect(pulls).toBeLessThanOrEqual(1)
  })
  it('stops reading an endless body past the cap (issue 11 defect #5)', async () => {
    let pulls = 0
    await expect(
      readResponseText(
        streamed(1_000_000, 64 * 1024, () => pulls++),
        { maxBytes: 256 * 1024 },
      ),
    ).rejects.toThrow('larger than 262144 bytes')
    expect(pulls).toBeLessThan(10)
  })
  it('reads up to the cap exactly', async () => {
    expect(await readResponseText(streamed(4, 256), { maxBytes: 1024 })).toHaveLength(1024)
  })
})

describe('limitResponseBody', () => {
  it('keeps status and headers and passes a small body through', async () => {
    const capped = await limitResponseBody(Response.json({ ok: true }, { status: 201 }), 100)
    expect(capped.status).toBe(201)
    expect(capped.headers.get('content-type')).toContain('application/json')
    expect(await capped.json()).toEqual({ ok: true })
  })
  it('errors the stream past the cap, and rejects at once on a large Content-Length', async () => {
    const capped = await limitResponseBody(streamed(100, 1000), 5000)
    await expect(capped.text()).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
    await expect(limitResponseBody(new Response('x', { headers: { 'content-length': '9999' } }), 10)).rejects.toThrow('larger than 10 bytes')
  })
  it('leaves a body-less response alone', async () => {
    const empty = new Response(null, { status: 204 })
    expect(await limitResponseBody(empty, 1)).toBe(empty)
  })
})
