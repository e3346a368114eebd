/**
 * The clients of scripts/bench-load.ts: signed-in members and programme-team users over HTTP (fetch),
 * their socket.io connections (counting what arrives), posting, and the mixed soak.
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { User } from '../../server/store/store.js';
import type { IdeaText } from './bench-texts.js';

export interface Session { user: User; cookie: string; csrf: string }
interface Payload { id: string; kind: string; link: string; text: string }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], q: number) => { if (xs.length === 0) return NaN; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]!; };

export function clients(base: string, password: string) {
  const sockets: { session: Session; socket: Socket; received: number }[] = [];
  const boardSockets: Socket[] = [];
  const ideasBy = new Map<string, string[]>(); // user id -> ideas they posted
  const allIdeas: string[] = [];
  let notifications = 0;
  let unread = 0;
  let board = 0;
  const listeners = new Set<(n: Payload, userId: string) => void>();
  const recomputes: { at: string }[] = [];

  async function signIn(user: User): Promise<Session> {
    const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password }) });
    if (res.status !== 201) throw new Error(`sign-in ${user.email}: ${res.status}`);
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return { user, cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  }

  const open = (s: Session) => new Promise<Socket>((resolve, reject) => {
    const socket = connect(base, { transports: ['websocket'], extraHeaders: { cookie: s.cookie }, reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });

  async function send(s: Session, method: string, url: string, body?: unknown): Promise<{ status: number; ms: number; json: unknown }> {
    const started = performance.now();
    const res = await fetch(`${base}${url}`, { method, headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, ms: performance.now() - started, json: text.startsWith('{') ? JSON.parse(text) : null };
  }

  async function post(s: Session, t: IdeaText): Promise<{ ms: number; id: string }> {
    const r = await send(s, 'POST', '/api/ideas', { ...t, contact: { name: s.user.name, email: s.user.email } });
    if (r.status !== 201) throw new Error(`post: ${r.status}`);
    const id = (r.json as { id: string }).id;
    (ideasBy.get(s.user.id) ?? ideasBy.set(s.user.id, []).get(s.user.id)!).push(id);
    allIdeas.push(id);
    return { ms: r.ms, id };
  }

  return {
    async signInAll(users: User[], parallel: number): Promise<Session[]> {
      const out: Session[] = [];
      let next = 0;
      await Promise.all(Array.from({ length: parallel }, async () => { while (next < users.length) out.push(await signIn(users[next++]!)); }));
      return out;
    },

    /** `count` sockets, round robin over the sessions (a member with two tabs has two). */
    async connectAll(sessions: Session[], count: number): Promise<void> {
      for (let i = 0; i < count; i += 25) {
        await Promise.all(Array.from({ length: Math.min(25, count - i) }, async (_, j) => {
          const session = sessions[(i + j) % sessions.length]!;
          const socket = await open(session);
          const entry = { session, socket, received: 0 };
          socket.on('notification:created', (n: Payload) => { notifications++; entry.received++; for (const l of listeners) l(n, session.user.id); });
          socket.on('notifications:unread', () => { unread++; });
          sockets.push(entry);
        }));
      }
    },

    async connectBoards(sessions: Session[]): Promise<void> {
      for (const s of sessions) {
        const socket = await open(s);
        await new Promise<void>((resolve) => socket.emit('room:join', { room: 'board' }, () => resolve()));
        socket.on('board:updated', () => { board++; });
        socket.on('board:recomputed', (p: { lastRecompute: { at: string } | null }) => { if (p.lastRecompute) recomputes.push(p.lastRecompute); });
        boardSockets.push(socket);
      }
    },

    post,

    /** Milliseconds from now until the board hears of a recompute adopted after `iso`; null: not within `timeoutMs`. */
    async recomputedAfter(iso: string, timeoutMs: number): Promise<number | null> {
      const started = performance.now();
      while (performance.now() - started < timeoutMs) {
        if (recomputes.some((r) => r.at > iso)) return performance.now() - started;
        await sleep(100);
      }
      return null;
    },

    /** When the board heard of each recompute adopted (its `lastRecompute.at`). */
    recomputeTimes: () => recomputes.map((r) => r.at),

    counts() {
      return { notifications, unread, board, maxPerSocket: Math.max(0, ...sockets.map((s) => s.received)) };
    },

    socketCount: () => sockets.length,

    /** The mixed soak until `until` (performance.now()): similar queries, page views, a post a second, an endorsement a second. */
    async soak({ until, text, pages, similar }: { until: number; text: () => IdeaText; pages: number; similar: number }) {
      const members = [...new Map(sockets.map((s) => [s.session.user.id, s.session])).values()];
      const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
      const pageMs = new Map<string, number[]>([['/ideas', []], ['/', []], ['idea', []]]);
      const similarMs: number[] = [];
      const endorseMs: number[] = [];
      const endorseAt: number[] = []; // performance.now() at each request of endorseMs
      let posts = 0, endorsements = 0, missed = 0, requests = 0;
      const loop = async (fn: () => Promise<void>, gapMs = 0) => { while (performance.now() < until) { await fn().catch(() => undefined); requests++; if (gapMs) await sleep(gapMs); } };
      const pageLoop = async () => {
        for (let i = 0; performance.now() < until; i++) {
          const s = pick(members);
          const [key, url] = i % 3 === 0 ? ['/ideas', '/ideas'] : i % 3 === 1 ? ['/', '/'] : ['idea', `/ideas/${pick(allIdeas)}`];
          const started = performance.now();
          await fetch(`${base}${url}`, { headers: { cookie: s.cookie } }).then((r) => r.arrayBuffer()).catch(() => undefined);
          pageMs.get(key)!.push(performance.now() - started);
          requests++;
        }
      };
      const similarLoop = () => loop(async () => {
        const t = text();
        const r = await send(pick(members), 'POST', '/api/ideas/similar', { title: t.title.slice(0, Math.ceil(t.title.length * 0.6)), description: t.description.slice(0, Math.ceil(t.description.length * 0.5)) });
        similarMs.push(r.ms);
      });
      const endorseOnce = async () => {
        const owner = pick(members.filter((m) => (ideasBy.get(m.user.id) ?? []).length > 0));
        const endorser = pick(members.filter((m) => m.user.organisationId !== owner.user.organisationId));
        const idea = pick(ideasBy.get(owner.user.id)!);
        const arrived = new Promise<number>((resolve) => {
          const on = (n: Payload, userId: string) => { if (userId === owner.user.id && n.kind === 'endorsed' && n.link.includes(idea)) { listeners.delete(on); resolve(performance.now()); } };
          listeners.add(on);
          setTimeout(() => { if (listeners.delete(on)) resolve(-1); }, 5000);
        });
        const started = performance.now();
        const r = await send(endorser, 'POST', `/api/ideas/${idea}/endorsements`, { message: 'Wij doen graag mee.' });
        if (r.status !== 201) return;
        endorsements++;
        const at = await arrived;
        if (at < 0) missed++; else { endorseMs.push(at - started); endorseAt.push(started); }
        await send(endorser, 'DELETE', `/api/ideas/${idea}/endorsements/mine`);
      };
      await Promise.all([
        ...Array.from({ length: pages }, pageLoop),
        ...Array.from({ length: similar }, similarLoop),
        loop(async () => { await post(pick(members), text()); posts++; }, 1000),
        loop(endorseOnce, 1000),
      ]);
      const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
      return {
        requests, posts, endorsements, missed, similar: similarMs.length, similarMs, endorseMs, endorseAt,
        pages: [...pageMs.values()].reduce((n, l) => n + l.length, 0),
        pageMs: (key: string) => `${f1(pct(pageMs.get(key)!, 0.5))} / ${f1(pct(pageMs.get(key)!, 0.99))}`,
      };
    },

    closeAll(): void {
      for (const s of sockets) s.socket.close();
      for (const s of boardSockets) s.close();
    },
  };
}
