// Shared helpers for the engine scripts: argument parsing and JSON Lines corpora.
import { readFileSync } from 'node:fs';
import type { EngineDoc } from '../../server/engine/engine.js';

export interface CorpusItem {
  id: string | number;
  title?: string | null;
  text?: string | null;
  language?: string | null;
  [field: string]: unknown;
}

export function parseArgs(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument: ${a}`);
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) out.set(a.slice(2), argv[++i]!);
    else out.set(a.slice(2), 'true');
  }
  return out;
}

export function intArg(args: Map<string, string>, name: string, fallback?: number): number | undefined {
  const v = args.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got ${v}`);
  return n;
}

export function readJsonl(path: string): CorpusItem[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l, i) => {
    try {
      return JSON.parse(l) as CorpusItem;
    } catch {
      throw new Error(`${path}:${i + 1}: not valid JSON`);
    }
  });
}

/** Corpus items carry `text` = title or title + body; the engine wants them apart. */
export function toDoc(item: CorpusItem): EngineDoc {
  const title = typeof item.title === 'string' ? item.title : '';
  let text = typeof item.text === 'string' ? item.text : '';
  if (title !== '' && text.startsWith(title)) text = text.slice(title.length).replace(/^[\s.:;,-]+/, '');
  const doc: EngineDoc = { id: String(item.id), title, description: text };
  if (typeof item.language === 'string' && item.language !== '') doc.language = item.language;
  return doc;
}
