/**
 * The command line of issue 14's parity checks (scripts/check-language.ts, check-plaintext.ts,
 * check-stemmers.ts): `--in items.jsonl` (repeatable) and `--random N`. Without `--in`: every
 * corpus in ../shared/data/corpora/ when that folder is there, then the engine's fixtures (`fixtures`
 * names them; `'all'`: every .jsonl and .json of test/fixtures/engine/).
 *
 *   const { inputs, random } = checkInputs({ random: 200_000, fixtures: ['programme.jsonl'] });
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export function checkInputs(defaults: { random: number; fixtures: string[] | 'all' }, argv = process.argv.slice(2)): { inputs: string[]; random: number } {
  const inputs: string[] = [];
  let random = defaults.random;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--in') inputs.push(argv[++i]!);
    else if (argv[i] === '--random') random = Number(argv[++i]);
    else throw new Error(`unexpected argument: ${argv[i]}`);
  }
  if (inputs.length > 0) return { inputs, random };
  const corpora = `${root}../shared/data/corpora/`;
  if (existsSync(corpora)) for (const f of readdirSync(corpora).sort()) if (f.endsWith('.jsonl')) inputs.push(corpora + f);
  const fixtures = `${root}test/fixtures/engine/`;
  const names = defaults.fixtures === 'all' ? readdirSync(fixtures).sort().filter((f) => f.endsWith('.jsonl') || f.endsWith('.json')) : defaults.fixtures;
  for (const f of names) inputs.push(fixtures + f);
  return { inputs, random };
}

/** A small seeded generator (an LCG), the same sequence in every check: floats in [0, 1). */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
}

/** `count` strings, each of up to `maxPieces - 1` pieces drawn from `pieces` (hostile and odd input for the parity checks). */
export function randomStrings(pieces: readonly string[], count: number, maxPieces: number, seed: number): string[] {
  const rnd = lcg(seed);
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = '';
    for (let j = Math.floor(rnd() * maxPieces); j > 0; j--) s += pieces[Math.floor(rnd() * pieces.length)];
    out.push(s);
  }
  return out;
}
