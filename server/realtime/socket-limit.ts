// One socket must not be able to flood the server with requests (issue 15.5): a limit per socket per minute.
import type { ErrorCode } from '../errors.js';
import { t } from '../i18n/index.js';
import type { IoSocket } from './events.js';

/**
 * Requests per socket (issue 15.5): a socket that sent 2,000 `notifications:read` had them all served.
 * Now each socket may send `perMinute` requests in a minute; beyond that the ack answers `rate_limited`
 * (with `retryAfter`, seconds) and the request is not run. A browser tab sends a few a minute.
 */
export function limitRequests(socket: IoSocket, perMinute: number, now: () => number = Date.now): void {
  let windowStart = now();
  let count = 0;
  socket.use((packet, next) => {
    const at = now();
    if (at - windowStart >= 60_000) { windowStart = at; count = 0; }
    if (++count <= perMinute) return next();
    const ack = packet[packet.length - 1];
    const retryAfter = Math.max(1, Math.ceil((windowStart + 60_000 - at) / 1000));
    const code: ErrorCode = 'rate_limited';
    if (typeof ack === 'function') (ack as (r: unknown) => void)({ ok: false, error: { code, message: t(socket.data.locale, 'errors.rate_limited_requests'), retryAfter } });
  });
}
