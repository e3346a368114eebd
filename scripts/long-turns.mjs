// What held the main thread in the app's longest turns of the event loop, from a bench-load run with
// --cpu-prof DIR (the probe lists the turns of 50 ms or more in DIR/long-turns.json; node writes the
// main thread's profile as CPU.*.<pid>.0.*.cpuprofile):
//
//   node scripts/long-turns.mjs DIR [N]    # the N longest turns (default 15)
//
// For each turn: when it came (seconds into the profile), how many samples fell in it, and the app's
// frames (server/ and the web and socket libraries) by inclusive time, longest first, so that a turn
// reads as "the board's update, of which the broadcast's encoding 50 ms". A turn is the time between
// two ticks of the probe's 1 ms timer: everything the loop ran in between, callbacks and I/O.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [dir, n = '15'] = process.argv.slice(2);
if (!dir) { console.error('usage: node scripts/long-turns.mjs DIR [N]'); process.exit(2); }
const main = readdirSync(dir).filter((f) => /\.0\.\d+\.cpuprofile$/.test(f)).sort()[0];
if (!main) { console.error(`no main-thread .cpuprofile in ${dir}`); process.exit(1); }
const prof = JSON.parse(readFileSync(path.join(dir, main), 'utf8'));
const { turns } = JSON.parse(readFileSync(path.join(dir, 'long-turns.json'), 'utf8'));

const byId = new Map(prof.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of prof.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
const times = [];
let t = prof.startTime;
for (const d of prof.timeDeltas) times.push((t += d));
const APP = /\/(server|node_modules\/(socket\.io[^/]*|engine\.io|ws|express[^/]*|handlebars|better-sqlite3))\//;
const name = ({ callFrame: f }) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*?\/(server|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;

console.log(`${main}: ${turns.length} turns of 50 ms or more; the ${Math.min(Number(n), turns.length)} longest:`);
for (const turn of [...turns].sort((a, b) => b.ms - a.ms).slice(0, Number(n))) {
  const inclusive = new Map();
  let samples = 0;
  let gc = 0;
  for (let i = 0; i < times.length; i++) {
    if (times[i] < turn.from || times[i] > turn.to) continue;
    samples++;
    const seen = new Set();
    for (let id = prof.samples[i]; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (node.callFrame.functionName === '(garbage collector)') gc++;
      if (!APP.test(node.callFrame.url)) continue;
      const k = name(node);
      if (!seen.has(k)) { seen.add(k); inclusive.set(k, (inclusive.get(k) ?? 0) + 1); }
    }
  }
  const per = samples ? (turn.to - turn.from) / samples / 1000 : 0; // ms per sample in this turn
  console.log(`\n${turn.ms} ms at ${((turn.from - prof.startTime) / 1e6).toFixed(1)} s (${samples} samples, garbage collection ${(gc * per).toFixed(0)} ms)`);
  for (const [k, c] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${(c * per).toFixed(0).padStart(4)} ms  ${k}`);
}
