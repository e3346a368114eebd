/**
 * Regenerates server/domain/organisations-data/flanders-municipalities-2025.json from the Statbel-derived
 * CSV (../shared/data/municipalities/flanders_municipalities_2025.csv, which may be shipped).
 *
 *   npx tsx scripts/build-municipalities.ts ../shared/data/municipalities/flanders_municipalities_2025.csv
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface MunicipalityRow {
  nis: string;
  name: string;
  arrondissement: string;
  province: string;
  population: number;
}

/** RFC 4180 fields: commas inside double quotes, "" for a quote. Enough for this file. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

export function toMunicipalities(csv: string): MunicipalityRow[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header) throw new Error('empty CSV');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`CSV has no column "${name}"`);
    return i;
  };
  const [nis, name, arr, prov, pop] =
    ['nis', 'name_nl', 'arrondissement_nl', 'province_nl', 'population_2020_sum'].map(col) as [number, number, number, number, number];
  return rows
    .map((r) => ({
      nis: (r[nis] ?? '').trim(),
      name: (r[name] ?? '').trim(),
      arrondissement: (r[arr] ?? '').trim(),
      province: (r[prov] ?? '').trim(),
      population: Number(r[pop]),
    }))
    .sort((a, b) => a.nis.localeCompare(b.nis));
}

function main(): void {
  const input = process.argv[2];
  if (!input) {
    process.stderr.write('usage: tsx scripts/build-municipalities.ts <flanders_municipalities_2025.csv>\n');
    process.exit(2);
  }
  const list = toMunicipalities(readFileSync(input, 'utf8'));
  const bad = list.filter((m) => !/^\d{5}$/.test(m.nis) || !m.name || !m.province || !Number.isInteger(m.population));
  if (bad.length > 0) throw new Error(`malformed rows: ${JSON.stringify(bad.slice(0, 3))}`);
  const out = fileURLToPath(new URL('../server/domain/organisations-data/flanders-municipalities-2025.json', import.meta.url));
  // One municipality a line: small diffs when Statbel's data changes.
  writeFileSync(out, `[\n${list.map((m) => JSON.stringify(m)).join(',\n')}\n]\n`);
  process.stdout.write(`wrote ${list.length} municipalities to ${out}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
