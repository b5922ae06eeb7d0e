/**
 * Timestamps leave the system as ISO 8601 UTC without zero milliseconds, the way the API docs write
 * them ("2026-04-10T10:00:00Z"), so REST and GraphQL print the same string for the same instant.
 */
export function toIso(value: Date | string | null | undefined): string | null {
  if (value == null) return null;
  const date = value instanceof Date ? value : new Date(value);
  return date.toISOString().replace('.000Z', 'Z');
}
