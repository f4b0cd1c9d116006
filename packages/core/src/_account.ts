import { invalid } from './_assert.js'

/** Checks an account name: a non-empty string without control characters. Returns it trimmed. Internal. */
export function checkAccount(account: unknown, where: string): string {
  if (typeof account !== 'string' || account.trim() === '' || /[\u0000-\u001f\u007f]/.test(account)) {
    invalid(where, '"account" must be a non-empty string without control characters')
  }
  return account.trim()
}
