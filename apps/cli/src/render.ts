/** Plain-text and JSON output helpers shared by every command. */
import { redact } from '@auth/core'
import type { Colors } from './color.js'

/** Options of {@link formatTable}. */
export interface TableOptions {
  /** Column titles, printed first. */
  header?: readonly string[]
  /** Styles a cell after padding (colour codes do not upset the alignment). */
  style?: (text: string, row: number, column: number) => string
  /** Styles a header cell after padding. */
  styleHeader?: (text: string) => string
}

/**
 * Left-aligned columns separated by two spaces, no trailing blanks; one line per row.
 * Row `-1` in `style` is never passed: the header has `styleHeader`.
 * @example `formatTable([['a', 'bb'], ['ccc', 'd']])` is `'a    bb\nccc  d\n'`
 */
export function formatTable(rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const { header, style = (t) => t, styleHeader = (t) => t } = options
  const all = header ? [header, ...rows] : rows
  const widths: number[] = []
  for (const row of all) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length)
  }
  const line = (row: readonly string[], styler: (text: string, column: number) => string) =>
    row
      .map((cell, i) => styler(i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0), i))
      .join('  ')
      .trimEnd()
  const lines = rows.map((row, r) => line(row, (text, c) => style(text, r, c)))
  if (header) lines.unshift(line(header, (text) => styleHeader(text)))
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`
}

/**
 * One line of JSON and a newline: the shape every `--json` output and error uses.
 * @example `formatJson({ a: 1 })` is `'{"a":1}\n'`
 */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value)}\n`
}

/**
 * A warning line for stderr, secrets masked: `warning: TEXT`.
 * @example `formatWarning('AUTHCLI_TOKEN is set', colors)` is `'warning: AUTHCLI_TOKEN is set'`
 */
export function formatWarning(text: string, colors: Pick<Colors, 'yellow'>): string {
  return `${colors.yellow('warning:')} ${redact(text)}`
}
