/** The headers of a JSON-RPC POST to a Streamable HTTP MCP endpoint, with a bearer token when given. */
export function rpcHeaders(token) {
  return { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(token && { authorization: `Bearer ${token}` }) }
}
