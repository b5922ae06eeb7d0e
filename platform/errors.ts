/**
 * One error vocabulary for the whole system: the API overview's table. REST writes
 * `{"error":{"code","message","status"}}` with the lowercase code; GraphQL carries the uppercase
 * code in `extensions.code` (BAD_USER_INPUT is GraphQL's own name for bad_request). 413 and 415
 * are the REST transport's own (a body too large, or not JSON); GraphQL never answers them.
 */
export const ERROR_CODES = {
  bad_request: { status: 400, graphql: 'BAD_USER_INPUT' },
  unauthorized: { status: 401, graphql: 'UNAUTHENTICATED' },
  forbidden: { status: 403, graphql: 'FORBIDDEN' },
  not_found: { status: 404, graphql: 'NOT_FOUND' },
  conflict: { status: 409, graphql: 'CONFLICT' },
  /** A REST request body over the size limit. */
  payload_too_large: { status: 413, graphql: 'PAYLOAD_TOO_LARGE' },
  /** A REST request body that is not JSON (`Content-Type` other than application/json). */
  unsupported_media_type: { status: 415, graphql: 'UNSUPPORTED_MEDIA_TYPE' },
  unprocessable: { status: 422, graphql: 'UNPROCESSABLE' },
  rate_limited: { status: 429, graphql: 'RATE_LIMITED' },
  server_error: { status: 500, graphql: 'INTERNAL_SERVER_ERROR' },
  /** A part the request needs (a subgraph, the database) does not answer now; nothing was done, retry later. */
  service_unavailable: { status: 503, graphql: 'SERVICE_UNAVAILABLE' },
} as const;

/** Seconds a client is told to wait (`Retry-After`) before retrying a service_unavailable request. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export type ErrorCode = keyof typeof ERROR_CODES;

const REST_BY_GRAPHQL = new Map<string, ErrorCode>(
  Object.entries(ERROR_CODES).map(([rest, { graphql }]) => [graphql, rest as ErrorCode]),
);

/** The REST code for a GraphQL `extensions.code` (GraphQL's own validation codes map to bad_request). */
export function restCodeOf(graphqlCode: string | undefined): ErrorCode {
  if (!graphqlCode) return 'server_error';
  const known = REST_BY_GRAPHQL.get(graphqlCode);
  if (known) return known;
  if (graphqlCode === 'GRAPHQL_VALIDATION_FAILED' || graphqlCode === 'GRAPHQL_PARSE_FAILED') return 'bad_request';
  return 'server_error';
}

const BRAND = Symbol.for('scrums.PlatformError');

/** Whether a value is a PlatformError, even one from another copy of this module. */
export function isPlatformError(value: unknown): value is PlatformError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** A failure the caller caused or may see; anything else is reported as server_error without detail. */
export class PlatformError extends Error {
  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly status: number;
  /** The argument or field at fault, when there is one. */
  readonly field?: string;
  /** Seconds to wait before retrying (`Retry-After`), for refusals that pass with time. */
  readonly retryAfter?: number;
  /**
   * Which limit refused a document (the gateway's `extensions.reason`: MAX_DEPTH, COST_LIMIT ...),
   * so that REST says it as /graphql does.
   */
  readonly reason?: string;

  constructor(code: ErrorCode, message: string, field?: string, options: { reason?: string } = {}) {
    super(message);
    this.name = 'PlatformError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.field = field;
    if (options.reason !== undefined) this.reason = options.reason;
    if (code === 'service_unavailable') this.retryAfter = UNAVAILABLE_RETRY_AFTER_SECONDS;
  }

  get graphqlCode(): string {
    return ERROR_CODES[this.code].graphql;
  }

  toRest(): { error: { code: ErrorCode; message: string; status: number; reason?: string } } {
    const error = { code: this.code, message: this.message, status: this.status };
    return { error: this.reason === undefined ? error : { ...error, reason: this.reason } };
  }

  /** The body of a GraphQL answer refused as a whole (authentication, rate limits). */
  toGraphQL(): { errors: Array<{ message: string; extensions: Record<string, unknown> }> } {
    return { errors: [{ message: this.message, extensions: { code: this.graphqlCode } }] };
  }
}

export const badRequest = (message: string, field?: string) => new PlatformError('bad_request', message, field);
export const notFound = (message: string) => new PlatformError('not_found', message);
export const unprocessable = (message: string, field?: string) => new PlatformError('unprocessable', message, field);
export const conflict = (message: string) => new PlatformError('conflict', message);
export const payloadTooLarge = (message: string) => new PlatformError('payload_too_large', message);
export const unsupportedMediaType = (message: string) => new PlatformError('unsupported_media_type', message);
export const forbidden = (message: string) => new PlatformError('forbidden', message);
export const unauthorized = (message: string) => new PlatformError('unauthorized', message);
export const serviceUnavailable = (message: string) => new PlatformError('service_unavailable', message);
