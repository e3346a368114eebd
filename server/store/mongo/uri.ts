/**
 * The database name a store uses: the explicit one, else the one in the connection string's path,
 * else 'medestander' (the driver's own fallback would be 'test').
 */
export function databaseNameOf(uri: string, dbName?: string): string {
  if (dbName) return dbName;
  const path = /^mongodb(?:\+srv)?:\/\/[^/?#]*\/([^?#]*)/i.exec(uri)?.[1];
  const name = path ? decodeURIComponent(path) : '';
  return name || 'medestander';
}

/**
 * The connection string with any password replaced by `***`, for logs. Everything up to the last `@`
 * counts as credentials, so a password with an unencoded `/` or `?` is still hidden (over-masking an
 * odd string is the safe side).
 */
export function maskMongoUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/)(.*)@/is, (_m, scheme: string, auth: string) => {
    const colon = auth.indexOf(':');
    return `${scheme}${colon === -1 ? auth : `${auth.slice(0, colon)}:***`}@`;
  });
}
