/**
 * The SQLite side of ideas (schema: migrations 1 and later; search through the ideas_fts FTS5 table),
 * with the idea list's totals kept between writes: lists are read far more often than ideas change.
 */
import { StoreVersionError, type Idea, type IdeaPatch, type IdeaQuery, type IdeasPort, type Page } from '../store.js';
import { conflictAs } from './conflicts.js';
import { toFtsQuery } from './fts-query.js';
import { fileVersion, ideaParams, toIdea, type Db, type Row } from './mapping.js';

export function ideasAdapter(db: Db): IdeasPort {
  return {
    async createIdea(idea) {
      conflictAs('idea', () => db.prepare(`
        INSERT INTO ideas (id, organisation_id, author_id, title, description, theme, tags,
                           contact_name, contact_email, contact_phone, status, language, hidden,
                           call_id, version, created_at, updated_at)
        VALUES (@id, @organisationId, @authorId, @title, @description, @theme, @tags,
                @contactName, @contactEmail, @contactPhone, @status, @language, @hidden,
                @callId, @version, @createdAt, @updatedAt)`).run(ideaParams(idea)));
    },

    async getIdea(id) {
      return getIdea(db, id);
    },

    async updateIdea(id, patch, expectedVersion, updatedAt) {
      const update = db.transaction(() => {
        const current = getIdea(db, id);
        if (!current) return null;
        if (current.version !== expectedVersion) throw new StoreVersionError(current.version);
        const next: Idea = { ...current, ...definedOnly(patch), version: current.version + 1, updatedAt };
        db.prepare(`
          UPDATE ideas SET title = @title, description = @description, theme = @theme, tags = @tags,
                 contact_name = @contactName, contact_email = @contactEmail, contact_phone = @contactPhone,
                 status = @status, language = @language, hidden = @hidden, call_id = @callId, version = @version,
                 updated_at = @updatedAt
          WHERE id = @id AND version = @expectedVersion`).run({ ...ideaParams(next), expectedVersion });
        return next;
      });
      return update.immediate();
    },

    async listIdeas(query) {
      return listIdeas(db, query);
    },

    async allOpenIdeas() {
      const rows = db.prepare(`SELECT * FROM ideas WHERE status = 'open' AND hidden = 0
                               ORDER BY created_at DESC, id DESC`).all() as Row[];
      return rows.map(toIdea);
    },
  };
}

/**
 * Totals of the idea list, kept while the file is unchanged: counting 10,000 open ideas took most of
 * a list page's time (1.2–2.8 ms), and a list is read far more often than ideas change. The key is
 * this connection's `total_changes()` (any write here) with `PRAGMA data_version` (a commit by another
 * process on the same file, such as `seed:demo`), read inside the list's transaction.
 */
const countCaches = new WeakMap<Db, { version: string; counts: Map<string, number> }>();
function countsFor(db: Db): Map<string, number> {
  const version = fileVersion(db);
  let cache = countCaches.get(db);
  if (!cache || cache.version !== version) { cache = { version, counts: new Map() }; countCaches.set(db, cache); }
  return cache.counts;
}

function listIdeas(db: Db, query: IdeaQuery): Page<Idea> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  let from = 'ideas i';
  if (query.q !== undefined) {
    const match = toFtsQuery(query.q);
    if (match !== null) {
      from += ' JOIN ideas_fts f ON f.rowid = i.seq';
      where.push('ideas_fts MATCH @match');
      params.match = match;
    }
  }
  if (query.province !== undefined) {
    from += ' JOIN organisations o ON o.id = i.organisation_id';
    where.push('o.province = @province');
    params.province = query.province;
  }
  if (query.theme !== undefined) { where.push('i.theme = @theme'); params.theme = query.theme; }
  if (query.organisationId !== undefined) { where.push('i.organisation_id = @organisationId'); params.organisationId = query.organisationId; }
  if (query.callId !== undefined) { where.push('i.call_id = @callId'); params.callId = query.callId; }
  if (query.status !== undefined) { where.push('i.status = @status'); params.status = query.status; }
  if (!query.includeHidden) where.push('i.hidden = 0');
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = Math.max(0, Math.floor(query.limit));
  const offset = Math.max(0, Math.floor(query.offset));
  // One read transaction: the page and the total come from the same snapshot.
  return db.transaction(() => {
    const countSql = `SELECT count(*) AS n FROM ${from} ${whereSql}`;
    const counts = countsFor(db);
    const countKey = `${countSql}\u0000${JSON.stringify(params)}`;
    let total = counts.get(countKey);
    if (total === undefined) {
      total = Number((db.prepare(countSql).get(params) as Row).n);
      if (counts.size >= 200) counts.clear();
      counts.set(countKey, total);
    }
    const rows = db.prepare(`SELECT i.* FROM ${from} ${whereSql}
                             ORDER BY i.created_at DESC, i.id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit, offset }) as Row[];
    return { items: rows.map(toIdea), total };
  })();
}

function getIdea(db: Db, id: string): Idea | null {
  const row = db.prepare('SELECT * FROM ideas WHERE id = ?').get(id) as Row | undefined;
  return row ? toIdea(row) : null;
}

const PATCHABLE: readonly (keyof IdeaPatch)[] =
  ['title', 'description', 'theme', 'tags', 'contact', 'status', 'language', 'hidden', 'callId'];

/** Only the patchable fields, and only those given: a stray `id` or `version` in a patch is ignored. */
function definedOnly(patch: IdeaPatch): IdeaPatch {
  return Object.fromEntries(PATCHABLE.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]])) as IdeaPatch;
}
