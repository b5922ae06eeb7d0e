/**
 * How the graph's custom scalars look to a TypeScript client: the `scalars` setting of GraphQL Code
 * Generator's client preset (README, "Custom scalars"). Without it the preset types them `unknown`.
 *
 * - DateTime: an RFC 3339 date-time in UTC, e.g. "2026-04-10T10:00:00Z" (`new Date(value)` reads it);
 * - Date: a calendar date, "2026-04-10";
 * - JSON: any JSON value, as JSON.parse gives it.
 */
export const CLIENT_SCALARS = {
  DateTime: 'string',
  Date: 'string',
  JSON: 'null | boolean | number | string | unknown[] | { [key: string]: unknown }',
} as const;
