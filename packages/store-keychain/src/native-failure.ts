import { redact } from '@auth/core'
import { ANOTHER_STORE, NO_BUS } from './errors.js'

/** What went wrong in the native keychain, for a user: a short reason and a fix. */
export interface NativeFailure {
  reason: string
  hint: string
}

const UNLOCK = 'unlock the keyring (log in to the desktop session, or `gnome-keyring-daemon --unlock`), or '
const KNOWN: ReadonlyArray<readonly [RegExp, string, string?]> = [
  [/autolaunch|DBUS_SESSION_BUS_ADDRESS is not set/i, NO_BUS, `start a desktop session or \`dbus-run-session\`, or ${ANOTHER_STORE}`],
  [/prompt was dismissed/i, 'the keyring is locked (the unlock prompt was dismissed)', UNLOCK + ANOTHER_STORE],
  [/did not receive a reply|NoReply/i, 'the Secret Service did not reply'],
  [/not provided by any \.service files|ServiceUnknown/i, 'no Secret Service on the D-Bus session bus', `run one (gnome-keyring, KeePassXC), or ${ANOTHER_STORE}`],
  [/no result found/i, 'the Secret Service has no default keyring', `create a default keyring (Seahorse), or ${ANOTHER_STORE}`],
  [/user interaction is not allowed/i, 'the keychain is locked', `unlock the login keychain, or ${ANOTHER_STORE}`],
  [/longer than platform limit/i, 'the secret is too long for this keychain'],
]
const CONTROL = /[\u0000-\u001f\u007f]+/g

/**
 * Turns an error of the native keychain module (`Couldn't access platform storage: ...`,
 * `Platform failure: DBus error: ...`) into a reason a user can act on. Unknown messages are
 * kept, cleaned: one line, at most 200 characters, `secrets` and known token shapes masked.
 */
export function describeNativeFailure(error: unknown, secrets: readonly string[] = []): NativeFailure {
  const raw = error instanceof Error ? error.message : String(error)
  for (const [pattern, reason, hint] of KNOWN) if (pattern.test(raw)) return { reason, hint: hint ?? ANOTHER_STORE }
  const text = redact(raw, secrets).replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()
  return { reason: (text.length > 200 ? `${text.slice(0, 199)}…` : text) || 'unknown error', hint: ANOTHER_STORE }
}
