/**
 * `npm start` as a newcomer runs it: a real child process (npm → node), on a free port and a store of
 * its own. For the tests of issue 16.1 (the demo in any order; stopping cleanly and freeing the port).
 *
 *   const app = await npmStart({ DATA_DIR: dir });
 *   … app.baseUrl …
 *   const code = await app.signal('SIGTERM');   // resolves with npm's exit code
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** True when something can listen on the port again (nothing holds it). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export interface StartedApp {
  baseUrl: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** Sends `signal` to npm (not to node: npm must pass it on) and resolves with npm's exit code. */
  signal(signal: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

export async function npmStart(env: Record<string, string>, timeoutMs = 30_000): Promise<StartedApp> {
  const port = await freePort();
  const child = spawn('npm', ['start'], { cwd: root, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`npm start did not answer on ${baseUrl}:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl, port, child, output: () => out,
    async signal(signal, waitMs = 15_000) {
      child.kill(signal);
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), waitMs).unref());
      const code = await Promise.race([exited, timer]);
      if (code === 'timeout') throw new Error(`npm start did not stop on ${signal}:\n${out}`);
      return code;
    },
  };
}
