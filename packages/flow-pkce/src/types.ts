/**
 * The options of the browser flow. Types only; nothing here runs.
 */
import type { Logger } from '@auth/core'
import type { OpenAttempt } from './open-in-browser.js'

/** A readable text stream the flow reads a pasted redirect URL or code from (stdin). */
export interface PasteInput extends AsyncIterable<string | Uint8Array> {
  /** Whether a person types into it (a terminal). */
  readonly isTTY?: boolean
}

/**
 * Options of {@link createPkceFlow}. Only `issuer` and `clientId` are required.
 *
 * Browser mode (the default): the flow binds a one-shot listener on `127.0.0.1` (the first free
 * port of `portRange`, or `port`), opens the authorization URL with `openBrowser` (default: the
 * `$BROWSER`, then the OS opener chain), always prints the URL too, and waits for the browser's
 * redirect, or a redirect URL or code pasted on `input`, whichever comes first.
 * No-browser mode (`browser: false`): it prints the URL and reads the pasted redirect URL (or
 * only the `code`) from the login context's prompter, else from `input`.
 */
export interface PkceFlowOptions {
  /** The authorization server's issuer URL (OpenID Connect discovery runs against it). */
  issuer: string
  /** The OAuth client id of this CLI (a public client unless `clientSecret` is set). */
  clientId: string
  /**
   * The client secret of a confidential client (one a dynamic registration issued, or a
   * pre-registered one), sent to the token endpoint only, as `clientAuthMethod` says. Default none: a public client.
   */
  clientSecret?: string | undefined
  /** How `clientSecret` is sent: `client_secret_basic` (default) or `client_secret_post`. */
  clientAuthMethod?: 'client_secret_basic' | 'client_secret_post' | undefined
  /**
   * The authorization server's metadata, discovered elsewhere (RFC 8414 in the MCP order:
   * `@auth/mcp`): used for `issuer` instead of OpenID Connect discovery. Its URLs must already be checked.
   */
  serverMetadata?: Readonly<Record<string, unknown>> | undefined
  /** The scopes to request. Default `['openid', 'profile', 'email', 'offline_access']`. */
  scopes?: readonly string[] | undefined
  /** RFC 8707 resource indicators (absolute URIs without a fragment), sent on the authorization and token requests. */
  resource?: string | readonly string[] | undefined
  /**
   * Extra authorization request parameters: `prompt`, `login_hint`, `audience`, `acr_values`,
   * `ui_locales`, `max_age`... The protocol's own parameters (`state`, `code_challenge`,
   * `redirect_uri`, ...) cannot be overridden here.
   */
  authorizationParams?: Readonly<Record<string, string>> | undefined
  /** `false`: the no-browser (paste-back) mode. Default `true`. */
  browser?: boolean | undefined
  /**
   * No-browser mode only: ask for the out-of-band redirect `urn:ietf:wg:oauth:2.0:oob` (the server
   * shows the code on a page of its own, for the user to paste) instead of a loopback address
   * that does not load. For servers that still offer it; RFC 8252 §7 prefers loopback. Default `false`.
   */
  outOfBand?: boolean | undefined
  /** The ports tried in order for the loopback listener, inclusive. Default `[8765, 8769]`. */
  portRange?: readonly [number, number] | undefined
  /** One fixed port instead of a range (for `ssh -L` users); `0`: any free port. Wins over `portRange`. */
  port?: number | undefined
  /** How long the login may wait for the user, in ms. Default 5 minutes. */
  timeoutMs?: number | undefined
  /**
   * Opens a URL in the user's browser and resolves whether it did (or, as {@link tryOpenInBrowser}
   * does, `{ opened, failures }`: the failures are named when nothing opened). Default
   * `tryOpenInBrowser` (`$BROWSER`, then the OS opener). Pass `async () => false` to only print the URL.
   * It gets the `file://` URL of a private page (0600, in a fresh 0700 folder under `dir`) that
   * sends the browser on to the authorization URL, never that URL itself: an opener's argv is
   * readable by every local user, and the state and challenge in it would let one of them end
   * the login or finish it with a code of their own account. The page is removed when the login
   * ends. When it cannot be written, nothing is opened and the printed URL is the way.
   */
  openBrowser?: ((url: string) => Promise<boolean | OpenAttempt>) | undefined
  /**
   * A programmatic authorization step: gets the authorization URL ITSELF, in process (it never
   * reaches an argv), instead of `openBrowser` and its launch page. A harness or an app drives
   * the login with it: it may load the URL and deliver the redirect to the loopback listener.
   * Resolves `false` when it did not handle the URL (warned as an opener would); anything else counts as handled.
   */
  openUrl?: ((url: string) => Promise<unknown>) | undefined
  /**
   * The folder the private launch page is written under (in a fresh `.login-XXXXXX` folder,
   * 0700): the product's own folder (its config folder), created 0700 when missing, and refused
   * when another user could change it. Default: the login context's `dir` (a `createAuth`
   * session passes its own `dir`), else the system temp folder. Absolute.
   */
  dir?: string | undefined
  /** The page shown after a successful login (a whole HTML document). */
  successHtml?: string | undefined
  /**
   * The page shown when the login fails in the browser (a whole HTML document). `{{message}}` is
   * replaced with the reason, HTML-escaped.
   */
  failureHtml?: string | undefined
  /** The identity endpoint that fills `account` (`whoami`); default the issuer's OIDC userinfo endpoint. */
  profileUrl?: string | undefined
  /** Allow a non-loopback `http://` issuer or profile URL. Loopback `http://` is always allowed. */
  allowInsecure?: boolean | undefined
  /** The product's command, named in hints: ``run `<name> auth login` again``. Default none: hints name no command. */
  name?: string | undefined
  /**
   * The product's own command that logs in with this flow, named in hints instead of
   * `<name> auth login` (``run `mycli login --device` again``).
   */
  loginCommand?: string | undefined
  /** Where a pasted redirect URL or code is read from when the login context has no prompter. Default `process.stdin`; `null`: nowhere. */
  input?: PasteInput | null | undefined
  /** The fetch to use; default the global one. A login context's `fetch` wins over it. */
  fetch?: typeof globalThis.fetch | undefined
  /** Where to log requests (debug); a login context's `logger` wins over it. */
  logger?: Logger | undefined
  /** Aborts every login of this flow (together with the login context's signal). */
  signal?: AbortSignal | undefined
  /** The wall clock, epoch ms, for `obtainedAt` and `expiresAt`; a login context's `now` wins over it. */
  now?: (() => number) | undefined
}

/** Options of {@link openInBrowser}. */
export interface OpenInBrowserOptions {
  /** The environment `BROWSER` is read from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined
  /** The platform whose opener is used. Default `process.platform`. */
  platform?: NodeJS.Platform | undefined
}
