// Defence in depth against cross-site WebSocket hijacking: a page on another site may not open a socket
// as the signed-in user.
import type { IncomingMessage } from 'node:http';

/**
 * Socket handshakes from another site are refused. Browsers send no SameSite=Lax session cookie on a
 * cross-site WebSocket, so this is defence in depth against cross-site WebSocket hijacking: a page
 * elsewhere must not be able to open a socket that acts as the signed-in user. A request without an
 * Origin header (not a browser: tests, tools) is let through; it must still bring a session cookie.
 */
export function sameOriginOnly(baseUrl: string) {
  const configured = new URL(baseUrl).origin;
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    const origin = req.headers.origin;
    if (!origin) return callback(null, true);
    const allowed = origin === configured || hostOf(origin) === req.headers.host;
    callback(allowed ? null : 'origin not allowed', allowed);
  };
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
