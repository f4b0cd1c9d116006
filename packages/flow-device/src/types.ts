/**
 * The options and data shapes of the device flow. Types only; nothing here runs.
 */
import type { Logger } from '@auth/core'

/**
 * Options of {@link createDeviceFlow}. Only `issuer` and `clientId` are required.
 *
 * Terminal behaviour: `isTTY` (default `process.stderr.isTTY`) says whether the user's
 * terminal is attached to the stream the flow writes to. When it is, the flow shows a QR code
 * (unless `qr: false`) and a spinner with the time left; when it is not, it writes plain lines
 * only. A CLI that also wants the QR code off when stdout is piped passes
 * `qr: !flags.noQr && process.stdout.isTTY === true`.
 */
export interface DeviceFlowOptions {
  /** The authorization server's issuer URL (OpenID Connect discovery runs against it). */
  issuer: string
  /** The OAuth client id of this CLI (a public client: no secret). */
  clientId: string
  /** The scopes to request. Default `['openid', 'profile', 'email', 'offline_access']`. */
  scopes?: string[] | undefined
  /**
   * Milliseconds between polls, overriding the server's `interval` (and the 5 s default when the
   * server sends none). For tests and test servers; a real server may answer `slow_down`.
   */
  intervalMs?: number | undefined
  /** How many times in a row a poll that failed on the network (or with a 5xx) is retried, with backoff. Default 3. */
  maxNetworkRetries?: number | undefined
  /** Whether to show a QR code of the verification URL. Default `true`; only ever shown when `isTTY`. */
  qr?: boolean | undefined
  /**
   * Paint the QR code black on white with ANSI colours, so that it reads on light and dark
   * themes alike. Default: unless `NO_COLOR` is set. Plain, it reads on dark themes only.
   */
  qrColors?: boolean | undefined
  /**
   * Opens a URL in the user's browser and resolves whether it did. The CLI passes its opener
   * chain; when absent the flow does not offer to open a browser. Offered only when the login
   * context is interactive and has a prompter.
   */
  openBrowser?: ((url: string) => Promise<boolean>) | undefined
  /** The identity endpoint that fills `account` (`whoami`); default the issuer's OIDC userinfo endpoint. */
  profileUrl?: string | undefined
  /** RFC 8707 resource indicators (absolute URIs without a fragment), sent on the device authorization, token and refresh requests. */
  resource?: string | readonly string[] | undefined
  /**
   * The authorization server's metadata, discovered elsewhere (RFC 8414 in the MCP order:
   * `@auth/mcp`): used for `issuer` instead of OpenID Connect discovery. Its URLs must already be checked.
   */
  serverMetadata?: Readonly<Record<string, unknown>> | undefined
  /** Allow a non-loopback `http://` issuer or profile URL (a test server). Loopback `http://` is always allowed. */
  allowInsecure?: boolean | undefined
  /**
   * The product's command, named in hints: ``run `<name> auth login --device` again``. Default
   * none: hints then say what to do without naming a command.
   */
  name?: string | undefined
  /**
   * The product's own command that logs in with this flow, named in hints instead of
   * `<name> auth login --device` (``run `mycli login --device` again``).
   */
  loginCommand?: string | undefined
  /** Whether the user's terminal shows what the flow writes (spinner, QR code). Default `process.stderr.isTTY`. */
  isTTY?: boolean | undefined
  /** Writes the spinner; default `process.stderr.write`. Only used when `isTTY`. */
  write?: ((text: string) => void) | undefined
  /** A monotonic clock in milliseconds for the polling schedule; default `performance.now`. */
  monotonicNow?: (() => number) | undefined
  /** Waits `ms` milliseconds, rejecting when `signal` aborts; default a timer. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined
  /** The fetch to use; default the global one. A login context's `fetch` wins over it. */
  fetch?: typeof globalThis.fetch | undefined
  /** Where to log requests (debug) ; a login context's `logger` wins over it. */
  logger?: Logger | undefined
  /** Aborts every call of the flow (as well as a login context's `signal`). */
  signal?: AbortSignal | undefined
  /** The wall clock, epoch ms, for `obtainedAt` and `expiresAt`; a login context's `now` wins over it. */
  now?: (() => number) | undefined
}

/**
 * The device authorization response as the flow shows it (RFC 8628 §3.2), without the secret
 * `device_code`. This is the object handed to `ctx.output.data` before polling (a CLI's `--json`).
 *
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.2
 */
export interface DeviceCodeInfo {
  /** The page where the user enters the code. */
  verification_uri: string
  /** The same page with the code filled in, when the server gives one. */
  verification_uri_complete?: string
  /** The code the user enters. */
  user_code: string
  /** Seconds until the code expires. */
  expires_in: number
}
