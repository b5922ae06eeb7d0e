import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./platform/event-log-table.ts', './subgraphs/*/tables.ts', './gateway/tables.ts'],
  out: './drizzle',
  schemaFilter: ['organizations', 'service_lines', 'tasks', 'managed_services', 'integrations', 'events', 'gateway'],
});
