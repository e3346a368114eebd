/**
 * CSV for spreadsheets, as Flemish Excel opens it by double-click:
 * - `;` between fields: Excel takes the list separator from the regional settings, and with Belgian
 *   (nl-BE, fr-BE) settings that is `;` (the comma is the decimal separator there);
 * - UTF-8 with a byte-order mark, so accents (Sint-Truiden's "één loket", Überherrn) are not mangled;
 * - RFC 4180 otherwise: CRLF line ends, a header row, fields with `;`, `,`, `"`, CR or LF in double
 *   quotes, quotes doubled. The comma too: a spreadsheet set to split on commas would otherwise cut
 *   `Idee,=2+5+cmd|' /C calc'!A0` into a formula cell (issue 15.6);
 * - formula injection neutralised (OWASP): a text cell starting with = + - @, tab or CR, also after
 *   leading spaces or quotes, gets a leading `'`, so a spreadsheet shows it as text instead of running it.
 *
 *   toCsv(['id', 'title'], [['1', '=SUM(A1)']])  // '\uFEFFid;title\r\n1;\'=SUM(A1)\r\n'
 */
export const CSV_SEPARATOR = ';';
export const BOM = '\uFEFF';

export type Cell = string | number | boolean | null;

/** What a spreadsheet may read as the start of a formula: = + - @ (or tab, CR), after any spaces and quotes. */
const FORMULA_START = /^[\s"'\u00a0]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[";,\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const line = (cells: readonly Cell[]) => cells.map(csvCell).join(CSV_SEPARATOR);
  return BOM + [line(header), ...rows.map(line)].map((l) => `${l}\r\n`).join('');
}
