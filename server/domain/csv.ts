/**
 * CSV for spreadsheets, as Flemish Excel opens it by double-click:
 * - `;` between fields: Excel takes the list separator from the regional settings, and with Belgian
 *   (nl-BE, fr-BE) settings that is `;` (the comma is the decimal separator there);
 * - UTF-8 with a byte-order mark, so accents (Sint-Truiden's "één loket", Überherrn) are not mangled;
 * - RFC 4180 otherwise: CRLF line ends, a header row, fields with `;`, `"`, CR or LF in double quotes,
 *   quotes doubled;
 * - formula injection neutralised (OWASP): a text cell starting with = + - @, tab or CR gets a leading
 *   `'`, so Excel shows it as text instead of running it.
 *
 *   toCsv(['id', 'title'], [['1', '=SUM(A1)']])  // '\uFEFFid;title\r\n1;\'=SUM(A1)\r\n'
 */
export const CSV_SEPARATOR = ';';
export const BOM = '\uFEFF';

export type Cell = string | number | boolean | null;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const line = (cells: readonly Cell[]) => cells.map(csvCell).join(CSV_SEPARATOR);
  return BOM + [line(header), ...rows.map(line)].map((l) => `${l}\r\n`).join('');
}
