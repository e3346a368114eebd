// Where the app's main thread spent its time over a whole bench-load run with --cpu-prof DIR: the
// functions by self time (the time the sampler found in the function itself, not in what it called),
// longest first. long-turns.mjs says what the longest single turns were; this says what adds up.
//
//   node scripts/profile-top.mjs DIR [N]    # the N functions with the most self time (default 30)
//
// A native call (a SQLite statement, a write to a socket) counts as self time of the JavaScript that
// made it, so a slow query shows as its caller's line. Idle time and the profiler's own are left out.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [dir, n = '30'] = process.argv.slice(2);
if (!dir) { console.error('usage: node scripts/profile-top.mjs DIR [N]'); process.exit(2); }
const main = readdirSync(dir).filter((f) => /\.0\.\d+\.cpuprofile$/.test(f)).sort()[0];
if (!main) { console.error(`no main-thread .cpuprofile in ${dir}`); process.exit(1); }
const prof = JSON.parse(readFileSync(path.join(dir, main), 'utf8'));

const byId = new Map(prof.nodes.map((node) => [node.id, node]));
const self = new Map();
let busy = 0;
for (let i = 0; i < prof.samples.length; i++) {
  const { callFrame: f } = byId.get(prof.samples[i]);
  if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
  const ms = (prof.timeDeltas[i + 1] ?? 0) / 1000; // a sample's time runs until the next one
  const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/\.cache\/medestander\/[^/]+\//, '').replace(/^.*?\/(server|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + ms);
  busy += ms;
}
const total = (prof.endTime - prof.startTime) / 1e6;
console.log(`${main}: ${total.toFixed(0)} s profiled, ${(busy / 1000).toFixed(1)} s busy; the ${n} functions with the most self time:`);
for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) {
  console.log(`${(ms / 1000).toFixed(2).padStart(7)} s  ${(100 * ms / busy).toFixed(1).padStart(4)} %  ${key}`);
}
