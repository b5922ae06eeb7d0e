import { idPattern } from '../../platform/ids.ts';
import { EXPORT_BODY, EXPORT_LIST_QUERY } from './spec.ts';
import { openApiParameter } from '../rest/params.ts';
import { MAX_WAIT_SECONDS } from './wait.ts';

/**
 * OpenAPI 3.1 paths of the bulk export API (gateway/exports/api.ts), for /v1/openapi.json to merge.
 * Schemas come from the same field and parameter specs the handler parses with.
 */

const ERROR = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'status'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, status: { type: 'integer' } },
    },
  },
};

/** An export job, as every export route answers it; also /v1/openapi.json's `Export` component. */
export const EXPORT_JOB = {
  type: 'object',
  required: ['id', 'status', 'format', 'source', 'objects_written', 'bytes_written', 'created_at', 'started_at', 'finished_at', 'expires_at', 'error', 'download_url'],
  properties: {
    id: { type: 'string', pattern: idPattern('ExportJob'), examples: ['EXP-26-000001'] },
    status: { type: 'string', enum: ['queued', 'running', 'completed', 'failed', 'cancelled'] },
    format: { type: 'string', enum: ['ndjson', 'csv'] },
    source: { type: 'string', enum: ['graphql', 'rest'] },
    objects_written: { type: 'integer', description: 'Rows (nodes) written so far.' },
    bytes_written: { type: 'integer', description: 'Bytes of output written so far.' },
    created_at: { type: 'string', format: 'date-time' },
    started_at: { type: ['string', 'null'], format: 'date-time' },
    finished_at: { type: ['string', 'null'], format: 'date-time' },
    expires_at: { type: ['string', 'null'], format: 'date-time', description: 'When a finished export and its output are deleted (7 days after it finished).' },
    error: { type: ['string', 'null'], description: 'Why a failed export failed: "<code>: <message>".' },
    download_url: { type: ['string', 'null'], description: 'Path of the output, once completed.' },
  },
};

const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [String(status), {
  description: {
    400: 'Bad request', 401: 'Unauthorized', 404: 'Not found (also another organization\'s export)', 409: 'Conflict',
    413: 'Payload too large: the body is over 1 MiB', 415: 'Unsupported media type: the body is not JSON (Content-Type: application/json)',
    422: 'Unprocessable: names the field', 429: 'Rate limited',
  }[status],
  content: { 'application/json': { schema: ERROR } },
}]));

const jobAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: EXPORT_JOB } } } },
});

const idParameter = { name: 'id', in: 'path', required: true, schema: EXPORT_JOB.properties.id };

/** RFC 7240's wait preference on a job's GET (wait.ts): one request instead of polling. */
const preferWait = {
  name: 'Prefer',
  in: 'header',
  required: false,
  description: `wait=N (RFC 7240): answer as soon as the export is completed, failed or cancelled, or after N seconds with the job as it then stands; N is at most ${MAX_WAIT_SECONDS} (a larger N waits ${MAX_WAIT_SECONDS}). Other preferences, and a wait that is not whole seconds, are ignored (the job is answered at once).`,
  schema: { type: 'string', examples: ['wait=30'] },
};

export const EXPORT_OPENAPI_PATHS: Record<string, unknown> = {
  '/v1/exports': {
    post: {
      operationId: 'createExport',
      tags: ['exports'],
      summary: 'Submit a bulk export: a GraphQL query paged through its one connection, or a REST list with its filters.',
      description: [
        'GraphQL: one query operation declaring `$after: String` and passing it as the `after` argument of exactly one connection,',
        'reached through single objects (no lists) and selecting `nodes { ... }` and `pageInfo { hasNextPage endCursor }`;',
        '`first` is the page size (100 when absent). REST: `route` is a list path such as `/v1/events` and `params` its query',
        'parameters (not `cursor`). Each node (REST item) becomes one NDJSON line, or one CSV row for flat results.',
        'The first page is read at submission, so a refused filter or an unknown resource fails the request, not the job.',
      ].join(' '),
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              additionalProperties: false,
              properties: Object.fromEntries(Object.entries(EXPORT_BODY).map(([name, field]) => [name, field.schema])),
            },
            examples: {
              graphql: { value: { format: 'ndjson', query: 'query($after: String) { events(types: ["task."], first: 100, after: $after) { nodes { id type createdAt } pageInfo { hasNextPage endCursor } } }' } },
              // A list of flat items: CSV refuses an item holding an object (a workspace's settings).
              rest: { value: { format: 'csv', route: '/v1/tasks', params: { workspace_id: 'WS-26-000021', status: 'in_progress' } } },
            },
          },
        },
      },
      responses: { 201: jobAnswer('The export job, queued.'), ...errors(400, 401, 404, 413, 415, 422, 429) },
    },
    get: {
      operationId: 'listExports',
      tags: ['exports'],
      summary: 'List the exports of the caller\'s organization (of its workspace, for a narrowed token), newest first.',
      parameters: Object.entries(EXPORT_LIST_QUERY).map(([name, param]) => openApiParameter(name, param)),
      responses: {
        200: {
          description: 'A page of export jobs.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['data', 'meta'],
                properties: {
                  data: { type: 'array', items: EXPORT_JOB },
                  meta: { type: 'object', properties: { cursor: { type: ['string', 'null'] }, has_more: { type: 'boolean' } } },
                },
              },
            },
          },
        },
        ...errors(400, 401, 429),
      },
    },
  },
  '/v1/exports/{id}': {
    get: {
      operationId: 'getExport',
      tags: ['exports'],
      summary: 'Retrieve an export job and its progress; with Prefer: wait=N, once it is finished (or N seconds passed).',
      parameters: [idParameter, preferWait],
      responses: {
        200: {
          ...jobAnswer('The export job.'),
          headers: { 'Preference-Applied': { description: 'wait=N, the wait honoured, when the request preferred one.', schema: { type: 'string', examples: ['wait=30'] } } },
        },
        ...errors(400, 401, 404, 429),
      },
    },
  },
  '/v1/exports/{id}/cancel': {
    post: {
      operationId: 'cancelExport',
      tags: ['exports'],
      summary: 'Cancel a queued or running export; its partial output is deleted.',
      parameters: [idParameter],
      responses: { 200: jobAnswer('The cancelled export job.'), ...errors(400, 401, 404, 409, 413, 415, 429) },
    },
  },
  '/v1/exports/{id}/download': {
    get: {
      operationId: 'downloadExport',
      tags: ['exports'],
      summary: 'Download a completed export\'s output, streamed (NDJSON or CSV as the job\'s format).',
      parameters: [idParameter],
      responses: {
        200: {
          description: 'The output: one JSON object per line, or CSV with a header row.',
          content: { 'application/x-ndjson': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } },
        },
        ...errors(400, 401, 404, 409, 429),
      },
    },
  },
};
