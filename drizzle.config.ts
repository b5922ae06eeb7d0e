import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./subgraphs/*/tables.ts', './gateway/tables.ts'],
  out: './drizzle',
  schemaFilter: ['organizations', 'service_lines', 'tasks', 'managed_services', 'integrations', 'events', 'gateway'],
});
