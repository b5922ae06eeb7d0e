import { enumField, objectField, stringField, type BodyField } from '../rest/body.ts';
import { enumListParam, pageParams } from '../rest/params.ts';
import { EXPORT_FORMATS, EXPORT_STATUSES } from './store.ts';

/** The body of POST /v1/exports: a GraphQL `query` (with `variables`) or a REST `route` (with `params`). */
export const EXPORT_BODY: Record<string, BodyField> = {
  format: enumField('format', EXPORT_FORMATS, { description: 'ndjson (default): one JSON object per line; csv: flat rows only.' }),
  query: stringField('query', { description: 'A GraphQL query declaring $after: String, passed as the after argument of the one connection to page through.' }),
  variables: objectField('variables', { description: 'Variables of query, except after.' }),
  route: stringField('route', { description: 'Instead of query: the path of a REST list, e.g. /v1/events.' }),
  params: objectField('params', { description: 'The REST list\'s query parameters (filters; limit sets the page size); not cursor.' }),
};

export const EXPORT_LIST_QUERY = { ...pageParams('ExportJob'), status: enumListParam('status', EXPORT_STATUSES) };

