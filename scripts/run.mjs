// Runs a TypeScript script as compiled JavaScript: `node scripts/run.mjs scripts/cluster-corpus.ts [args]`.
//
// `tsx` transpiles every module at start through loader hooks on a second thread: about 0.3 s of
// wall clock and 0.5 s of CPU per run of cluster-corpus, a tenth of a whole run at 14k ideas
// (docs/engine.md, "Throughput"). Here the script and our modules are bundled once with esbuild
// (the copy tsx brings) into node_modules/.cache/medestander/, packages left outside, and
// rebuilt whenever one of the bundled files changed (size or modification time): as fresh as tsx,
// no build step to forget. Only for scripts whose modules do not find files next to themselves
// (import.meta.url): a bundle that uses it is refused, and the script runs through tsx instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run.mjs <script.ts> [arguments]');
  process.exit(64);
}
const entryPath = path.resolve(root, entry);
const cacheDir = path.join(root, 'node_modules', '.cache', 'medestander');
const name = path.relative(root, entryPath).replace(/[\\/]/g, '__').replace(/\.ts$/, '');
const bundle = path.join(cacheDir, `${name}.mjs`);
const manifest = path.join(cacheDir, `${name}.inputs.json`);

function fingerprint(file) {
  try {
    const s = statSync(path.resolve(root, file));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function fresh() {
  if (!existsSync(bundle) || !existsSync(manifest)) return false;
  try {
    const inputs = JSON.parse(readFileSync(manifest, 'utf8'));
    return Object.entries(inputs).every(([file, print]) => fingerprint(file) === print);
  } catch {
    return false;
  }
}

function build() {
  const esbuild = createRequire(createRequire(path.join(root, 'package.json')).resolve('tsx')).call(null, 'esbuild');
  const result = esbuild.buildSync({
    entryPoints: [entryPath], bundle: true, platform: 'node', format: 'esm', target: 'node20',
    packages: 'external', write: false, outfile: bundle, metafile: true, sourcemap: 'inline', logLevel: 'silent', absWorkingDir: root,
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) inputs[file] = fingerprint(file);
  // The tsconfig and package.json can change how the files compile or resolve.
  for (const file of ['tsconfig.json', 'package.json']) inputs[file] = fingerprint(file);
  // Written under a name of this process's own and renamed: runs started at the same time (tests in
  // parallel) never read a half-written bundle.
  const tmp = `${bundle}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, bundle);
  writeFileSync(`${manifest}.${process.pid}.tmp`, JSON.stringify(inputs));
  renameSync(`${manifest}.${process.pid}.tmp`, manifest);
}

let useBundle = true;
try {
  if (!fresh()) {
    mkdirSync(cacheDir, { recursive: true });
    build();
  }
  if (readFileSync(bundle, 'utf8').includes('import.meta.url')) useBundle = false;
} catch (err) {
  console.error(`run.mjs: could not bundle ${entry} (${err instanceof Error ? err.message : err}); running it through tsx`);
  useBundle = false;
}
if (useBundle) {
  process.argv.splice(1, 2, entryPath);
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
} else {
  const r = spawnSync(process.execPath, ['--import', 'tsx', entryPath, ...process.argv.slice(3)], { stdio: 'inherit', cwd: process.cwd() });
  process.exitCode = r.status ?? 1;
}
