/**
 * Keys of the situations whose hint a product words in its own flags. A package sets the key
 * with its error (`new AuthError(msg, { hint, hintKey })`) and a generic hint naming its options;
 * the product maps the key to its own advice (`createAuth({ hints })`, `applyHint`), e.g.
 * `CALLBACK_PORT_BUSY` to `try --port-range 9000-9010, --port N, or --device`.
 * A key never changes meaning once released.
 */
export const HintKey = {
  /** Every loopback port the browser flow may use is taken (`CALLBACK_PORT_BUSY`). */
  CALLBACK_PORT_BUSY: 'callback-port-busy',
  /** The browser login did not finish within its time limit. */
  BROWSER_LOGIN_TIMEOUT: 'browser-login-timeout',
  /** The browser could not be opened (no display, a failing opener, `BROWSER` pointing nowhere). */
  BROWSER_UNAVAILABLE: 'browser-unavailable',
  /** The paste-back login found no redirect URL or code to read (stdin ended, nobody at a terminal). */
  PASTE_INPUT_MISSING: 'paste-input-missing',
  /** The client secret of the client-credentials flow is not where it is expected. */
  CLIENT_SECRET_MISSING: 'client-secret-missing',
  /** The default identity endpoint (the issuer's OIDC userinfo) refused a personal access token. */
  USERINFO_REFUSED_TOKEN: 'userinfo-refused-token',
  /**
   * The server's discovery document names another issuer than the one asked. `hintParams`:
   * `asked` (the issuer asked), `named` (the one the server names, an http(s) URL).
   */
  ISSUER_MISMATCH: 'issuer-mismatch',
  /**
   * The browser's authorization response names another issuer than the login's, or none where
   * one is required (RFC 9207: the response may come from another server, a mix-up attack).
   */
  AUTHORIZATION_RESPONSE_ISSUER: 'authorization-response-issuer',
  /** The authorization server names no authorization endpoint: the browser login cannot start there. */
  NO_AUTHORIZATION_ENDPOINT: 'no-authorization-endpoint',
  /** An `https://` URL reached a server that answers plain HTTP (a loopback dev server). `hintParams`: `url`, the http:// URL to use. */
  PLAIN_HTTP_SERVER: 'plain-http-server',
} as const

/** One of the {@link HintKey} values. */
export type HintKeyValue = (typeof HintKey)[keyof typeof HintKey]
