/**
 * The one error type the edges know how to answer. Domain code throws AppError with a code from the
 * closed list below; the HTTP error handler and socket handlers turn it into `{ error: { code, message, fields? } }`.
 * `message` is an i18n key (or plain English for programmer errors); edges translate it.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Field name -> i18n key of what is wrong with it (e.g. { title: 'errors.field.too_short' }). */
export type FieldErrors = Record<string, { key: string; params?: Record<string, string | number> }>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldErrors | undefined;
  readonly params: Record<string, string | number> | undefined;

  constructor(code: ErrorCode, message: string, options: { fields?: FieldErrors; params?: Record<string, string | number>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.fields = options.fields;
    this.params = options.params;
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;
