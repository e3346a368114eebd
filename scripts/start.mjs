// `npm start`: the app as compiled JavaScript.
//
// Under tsx every module is transpiled at start through loader hooks on a second thread, and so is
// every module of the engine's worker thread: at 100k stored ideas the app used 12.0 s of CPU until
// /healthz answered compiled against 15.3 s under tsx, and 935 against 990 MB at its peak
// (docs/engine.md, "Throughput"). Here server/ and models/ are compiled file by file with esbuild
// (the copy tsx brings) into node_modules/.cache/medestander/app-<fingerprint>/, beside links to
// views/, public/ and node_modules/, so that every path a module finds next to itself
// (import.meta.url) is the same as in the repository. The fingerprint covers the size and
// modification time of every file compiled or copied: an edited file gives a new directory (built
// once, about a second), never a stale one, and a running app's directory is never rewritten. When
// anything goes wrong here, the app starts under tsx as before.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, 'node_modules', '.cache', 'medestander');
const COMPILED = ['server', 'models'];
const LINKED = ['views', 'public', 'node_modules'];

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

function build() {
  const sources = COMPILED.flatMap((d) => files(path.join(root, d)));
  const hash = createHash('sha1');
  for (const file of [...sources, path.join(root, 'package.json'), path.join(root, 'tsconfig.json')]) {
    const s = statSync(file);
    hash.update(`${path.relative(root, file)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  const id = hash.digest('hex').slice(0, 16);
  const out = path.join(cache, `app-${id}`);
  if (existsSync(path.join(out, 'server', 'main.js'))) return out;
  const tmp = `${out}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const esbuild = createRequire(createRequire(path.join(root, 'package.json')).resolve('tsx'))('esbuild');
  for (const file of sources) {
    const rel = path.relative(root, file);
    const target = path.join(tmp, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    if (!file.endsWith('.ts') || file.endsWith('.d.ts')) {
      cpSync(file, target);
      continue;
    }
    const { code } = esbuild.transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'inline', sourcefile: file });
    // tsx lets a JSON module be imported without its attribute; node wants it.
    writeFileSync(target.replace(/\.ts$/, '.js'), code.replace(/(from\s+(['"])[^'"]+\.json\2)(\s*;)/g, "$1 with { type: 'json' }$3"));
  }
  for (const entry of LINKED) if (existsSync(path.join(root, entry))) symlinkSync(path.join(root, entry), path.join(tmp, entry));
  writeFileSync(path.join(tmp, 'package.json'), readFileSync(path.join(root, 'package.json')));
  try {
    renameSync(tmp, out);
  } catch (err) {
    // Another instance started at the same moment built the same directory first.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(path.join(out, 'server', 'main.js'))) throw err;
  }
  // Older builds, except the newest few (a running instance may still use one).
  const old = readdirSync(cache).filter((d) => /^app-[0-9a-f]{16}$/.test(d) && d !== `app-${id}`)
    .map((d) => ({ d, t: statSync(path.join(cache, d)).mtimeMs })).sort((a, b) => b.t - a.t).slice(2);
  for (const { d } of old) rmSync(path.join(cache, d), { recursive: true, force: true });
  return out;
}

let entry;
try {
  entry = path.join(build(), 'server', 'main.js');
} catch (err) {
  console.error(`start: could not compile the app (${err instanceof Error ? err.message : err}); starting it under tsx`);
}
if (entry) {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(root, 'server', 'main.ts')).href);
}
