/**
 * Best-effort line numbers for TOML keys, for error messages: smol-toml reports lines for
 * syntax errors only. Internal; returns `undefined` whenever unsure.
 */

const BARE = /^[A-Za-z0-9_-]+/
const BASIC = /^"(?:[^"\\\r\n]|\\.)*"/
const LITERAL = /^'[^'\r\n]*'/

/** Reads a dotted key (`a."b.c".'d'`) at the start of `text`. */
export function readDottedKey(text: string): { parts: string[]; rest: string } | undefined {
  const parts: string[] = []
  let rest = text.trimStart()
  for (;;) {
    const m = BARE.exec(rest) ?? BASIC.exec(rest) ?? LITERAL.exec(rest)
    if (!m) return undefined
    parts.push(unquote(m[0]))
    rest = rest.slice(m[0].length).trimStart()
    if (!rest.startsWith('.')) return { parts, rest }
    rest = rest.slice(1).trimStart()
  }
}

function unquote(token: string): string {
  if (token.startsWith("'")) return token.slice(1, -1)
  if (!token.startsWith('"')) return token
  try {
    return JSON.parse(token) as string
  } catch {
    return token.slice(1, -1)
  }
}

/** The 1-based line where the key or table `path` (e.g. `['profiles', 'work', 'flow']`) is first defined. */
export function findTomlLine(text: string, path: readonly string[]): number | undefined {
  const lines = text.split(/\r\n|\n/)
  let table: string[] = []
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim()
    if (line.startsWith('[')) {
      const header = readDottedKey(line.replace(/^\[\[?/, ''))
      table = header && /^\]/.test(header.rest) ? header.parts : []
      if (startsWith(table, path)) return i + 1
      continue
    }
    const key = readDottedKey(line)
    if (key?.rest.startsWith('=') && startsWith([...table, ...key.parts], path)) return i + 1
  }
  return undefined
}

function startsWith(full: readonly string[], path: readonly string[]): boolean {
  return path.length > 0 && full.length >= path.length && path.every((p, i) => full[i] === p)
}
