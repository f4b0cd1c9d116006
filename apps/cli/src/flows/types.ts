/** What the CLI hands the lazily loaded flows chunk. Types only. */
import type { SecretSource } from '@auth/flow-client-credentials'

/** Everything a flow needs, resolved by the CLI (flags > env > config > defaults). */
export interface FlowSettings {
  kind: 'pat' | 'device' | 'client-credentials' | 'pkce'
  /** The API base URL, normalised. */
  host: string
  /** The OAuth issuer; defaults to the host. */
  issuer: string
  clientId: string
  /** Requested scopes; empty means the flow's default. */
  scopes: string[]
  tenant?: string
  tenantHeader?: string
  profileUrl?: string
  /** `--insecure`: plain http to a non-loopback host. */
  allowInsecure: boolean
  /** The command name, for hints. */
  name: string
  /** Device: terminal niceties. */
  device?: { qr: boolean; qrColors?: boolean; isTTY: boolean; write?: (text: string) => void }
  /**
   * Browser (PKCE): paste-back instead of a browser (`--no-browser`), the listener's port or
   * range, the time limit, RFC 8707 resources, and where a pasted redirect URL is read from.
   * Absent for a refresh or revocation (nothing is opened then).
   */
  pkce?: {
    browser: boolean
    port?: number
    portRange?: [number, number]
    timeoutMs?: number
    resources?: string[]
    /** The config folder: the private page that hands the authorization URL to the browser goes under it. */
    dir?: string
    /** The terminal's stdin, for a pasted redirect URL or code. */
    input?: AsyncIterable<string | Uint8Array> & { readonly isTTY?: boolean }
  }
  /** Client credentials: where the secret is read from, at login and at every renewal. */
  secret?: SecretSource
  /** The environment the secret variables are read from. */
  env?: Readonly<Record<string, string | undefined>>
}
