import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Every table of every layer, gathered in one module for the tools that need them all.
  schema: './schema/tables.ts',
  out: './drizzle',
  schemaFilter: ['organizations', 'service_lines', 'tasks', 'managed_services', 'integrations', 'events', 'webhooks', 'audit', 'gateway'],
});
