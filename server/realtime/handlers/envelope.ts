// Every socket request is validated and answered the same way, and no handler's error is silently lost.
import type { Logger } from 'pino';
import type { z } from 'zod';
import { parse } from '../../domain/validation.js';
import { t } from '../../i18n/index.js';
import { toAppError, translateFields } from '../../web/middleware/errors.js';
import type { IoSocket, Result } from '../events.js';

/**
 * Wraps a request handler: validates the payload with `schema`, runs it, and answers the ack with a
 * `Result`. Every error is caught here and answered in the socket's language; a rejected promise in a
 * socket listener would otherwise be lost. A client that sends no ack function still gets the work done.
 */
export function request<S extends z.ZodTypeAny, T>(
  socket: IoSocket,
  logger: Logger,
  schema: S,
  run: (input: z.output<S>) => Promise<T>,
): (payload: unknown, ack?: unknown) => Promise<void> {
  return async (payload, ack) => {
    const reply = typeof ack === 'function' ? (ack as (r: Result<T>) => void) : () => undefined;
    try {
      reply({ ok: true, data: await run(parse(schema, payload)) });
    } catch (err) {
      const e = toAppError(err);
      if (e.status >= 500) logger.error({ err, socket: socket.id }, 'socket request failed');
      const { locale } = socket.data;
      const fields = translateFields(locale, e.fields);
      reply({ ok: false, error: { code: e.code, message: t(locale, e.message, e.params), ...(fields ? { fields } : {}) } });
    }
  };
}
