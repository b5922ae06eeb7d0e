import type { SubgraphDefinition } from './kit/subgraph-server.ts';
import type { SubgraphName } from './registry.ts';
import { definition as organizations } from './organizations/server.ts';
import { definition as serviceLines } from './service-lines/server.ts';
import { definition as tasks } from './tasks/server.ts';
import { definition as managedServices } from './managed-services/server.ts';
import { definition as integrations } from './integrations/server.ts';
import { definition as events } from './events/server.ts';
import { definition as webhooks } from './webhooks/server.ts';

/** Every subgraph's definition, by name, for the in-process system and the standalone runner. */
export const DEFINITIONS: Record<SubgraphName, SubgraphDefinition> = {
  organizations,
  'service-lines': serviceLines,
  tasks,
  'managed-services': managedServices,
  integrations,
  events,
  webhooks,
};
