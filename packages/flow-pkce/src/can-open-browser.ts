/**
 * Whether a browser can probably open on this machine, to pick the browser flow as the default
 * login: macOS and Windows yes, other systems only with a display (`DISPLAY`, `WAYLAND_DISPLAY`)
 *; never over SSH (`SSH_CONNECTION`, `SSH_TTY`), where the device flow or
 * `browser: false` fits.
 *
 * @example
 * ```ts
 * const flow = canOpenBrowser() ? createPkceFlow(options) : createDeviceFlow(options)
 * ```
 */
export function canOpenBrowser(options: { env?: Readonly<Record<string, string | undefined>>; platform?: NodeJS.Platform } = {}): boolean {
  const env = options.env ?? process.env
  const platform = options.platform ?? process.platform
  const set = (name: string) => (env[name] ?? '') !== ''
  if (set('SSH_CONNECTION') || set('SSH_TTY')) return false
  if (platform === 'darwin' || platform === 'win32') return true
  return set('DISPLAY') || set('WAYLAND_DISPLAY')
}
