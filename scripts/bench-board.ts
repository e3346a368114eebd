/**
 * The live board's own costs at N ideas, apart from the app (issue 19), in one process:
 *   npm run -s bench-board [-- --ideas 10000 --clusters 16 --per-update 10 --updates 60 --moved 5]
 *
 * 1. A board update (BoardState.takeWrite + announce) while posts arrive: `per-update` new ideas placed
 *    in `clusters` clusters between two updates, over `ideas` ideas already on the board; every tenth
 *    update comes after a recompute, as the app has it: a new matching version (the view rebuilt over
 *    every idea), `--moved` percent of the ideas in another cluster, and every idea given a new place on
 *    the map (`clusters:recomputed`). Reports the median and the highest of the ordinary updates, and
 *    the median after a recompute, split into its steps: takeWrite (view and diff), announce, and the
 *    update's encoding for the board's sockets (socket.io's parser, as the broadcast runs it).
 * 2. The board's counts per call (the SQLite store's countIdeasByCall) on a store file of `ideas`
 *    open ideas with descriptions of 700-1,800 characters, with the index it reads and without it
 *    (dropped for the second figure): median of 15.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Encoder, PacketType } from 'socket.io-parser'; // socket.io's own parser (a devDependency at socket.io's version): what a broadcast runs
import { BoardState } from '../server/domain/board/state.js';
import { Assignments, summarise } from '../server/domain/matching/assignments.js';
import type { ClusterInfo } from '../server/engine/types.js';
import { COUNT_IDEAS_BY_CALL } from '../server/store/sqlite/board.js';
import { createSqliteStore } from '../server/store/sqlite/index.js';
import type { Idea, Organisation } from '../server/store/store.js';

const { values } = parseArgs({ options: {
  ideas: { type: 'string', default: '10000' }, clusters: { type: 'string', default: '16' },
  'per-update': { type: 'string', default: '10' }, updates: { type: 'string', default: '60' }, moved: { type: 'string', default: '5' },
} });
const MOVED = Number(values.moved) / 100;
const N = Number(values.ideas), K = Number(values.clusters), PER = Number(values['per-update']), UPDATES = Number(values.updates);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const f1 = (x: number) => x.toFixed(1);

// --- 1. the board's update --------------------------------------------------------------------
const organisations: Organisation[] = Array.from({ length: 285 }, (_, o) => ({ id: `o${o}`, name: `Gemeente ${o}`, kind: 'municipality', code: String(o), province: `P${o % 5}` }) as unknown as Organisation);
const ideaOf = (i: number): Idea => ({ id: `idea-${String(i).padStart(8, '0')}`, title: `Idee ${i}`, description: '', organisationId: `o${i % 285}`, theme: 'services', status: 'open', hidden: false }) as unknown as Idea;
const assignment = new Assignments();
const ideas = Array.from({ length: N }, (_, i) => ideaOf(i));
ideas.forEach((idea, i) => assignment.set(idea.id, i % K));
const clusters = Array.from({ length: K }, (_, c) => ({ id: c, label: `C${c}`, autoLabel: `C${c}`, override: null, representative: null }) as unknown as ClusterInfo);
let version = 1;
const matching = { clusters: () => summarise(clusters, assignment), get version() { return version; } };
const state = new BoardState(matching, false);
state.load(ideas, organisations, [], 1);
const ordinary: number[] = [];
const afterRecompute: number[] = [];
const steps = { takeWrite: [] as number[], announce: [] as number[], encode: [] as number[] };
const encoder = new Encoder();
let next = N;
for (let u = 0; u < UPDATES; u++) {
  for (let q = 0; q < PER; q++) {
    const idea = ideaOf(next++);
    assignment.set(idea.id, next % K);
    state.ideaCreated(idea);
    state.placed([{ id: idea.id, x: 0, y: 0 }]);
  }
  const recompute = u % 10 === 9;
  if (recompute) {
    version++;
    const moves = Math.round(MOVED * N);
    for (let j = 0; j < moves; j++) assignment.set(ideas[(u * moves + j) % N]!.id, (u + j) % K);
    state.placed(ideas.map((idea, j) => ({ id: idea.id, x: Math.round(((j * 7919 + u) % 10007) / 10007 * 1e4) / 1e4, y: Math.round(((j * 104729 + u) % 10009) / 10009 * 1e4) / 1e4 })));
  }
  state.owe(true);
  const started = performance.now();
  const events = state.takeWrite() ?? [];
  const wrote = performance.now();
  const changes = state.announce(u + 2);
  const announced = performance.now();
  encoder.encode({ type: PacketType.EVENT, nsp: '/', data: ['board:updated', { version: u + 2, events, changes }] });
  const encoded = performance.now();
  (recompute ? afterRecompute : ordinary).push(encoded - started);
  if (recompute) { steps.takeWrite.push(wrote - started); steps.announce.push(announced - wrote); steps.encode.push(encoded - announced); }
}
const steady = ordinary.slice(5); // the first updates run cold code
console.log(`board update at ${N} ideas, ${K} clusters, ${PER} posts per update (encoded included): median ${f1(median(steady))} ms, highest ${f1(Math.max(...steady))} ms; after a recompute (${values.moved} % moved, every idea placed anew) median ${f1(median(afterRecompute))} ms: takeWrite ${f1(median(steps.takeWrite))}, announce ${f1(median(steps.announce))}, encode ${f1(median(steps.encode))} ms`);

// --- 2. the counts per call -------------------------------------------------------------------
const dir = mkdtempSync(path.join(tmpdir(), 'medestander-bench-board-'));
try {
  const file = path.join(dir, 'store.db');
  const store = createSqliteStore({ file });
  await store.init();
  await store.close();
  const db = new Database(file);
  db.pragma('foreign_keys = OFF'); // ideas only: their organisations and authors are not the point here
  const insert = db.prepare(`INSERT INTO ideas (id, organisation_id, author_id, title, description, theme, tags, contact_name, contact_email, contact_phone, status, language, hidden, version, created_at, updated_at, call_id)
    VALUES (?, ?, 'u', 'Idee', ?, 'services', '[]', 'n', 'e', NULL, 'open', 'nl', 0, 1, ?, ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
      insert.run(`idea-${i}`, `o${i % 285}`, 'beschrijving '.repeat(60 + (i % 80)), at, at, i % 7 === 0 ? `call${i % 3}` : null);
    }
  })();
  const time = () => {
    const statement = db.prepare(COUNT_IDEAS_BY_CALL);
    statement.all();
    return median(Array.from({ length: 15 }, () => { const t = performance.now(); statement.all(); return performance.now() - t; }));
  };
  const withIndex = time();
  db.exec('DROP INDEX ideas_per_call');
  const without = time();
  db.close();
  console.log(`counts per call at ${N} ideas: ${f1(withIndex)} ms with the index ideas_per_call, ${f1(without)} ms without it (median of 15)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
