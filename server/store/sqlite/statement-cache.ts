// Preparing the same SQL over and over cost real time under load (issue 19): each text is prepared once.
import type Database from 'better-sqlite3';

/** Distinct SQL texts kept; the dynamic ones (IN lists of varying length) could otherwise grow the cache forever. */
const MAX_STATEMENTS = 500;

/**
 * Makes `db.prepare` return the statement it prepared before for the same SQL text. The adapter
 * prepares its statements where it uses them, which is easy to read but made preparing 6 % of the
 * main thread's busy time under load (issue 19). A cached statement is handed out in its default
 * mode (`pluck(false)`): a caller that wants plucked rows asks for them each time, as board.ts does.
 */
export function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      if (statement.reader) statement.pluck(false);
      return statement;
    }
    statement = prepare(sql);
    if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
    cache.set(sql, statement);
    return statement;
  }) as typeof db.prepare;
}
