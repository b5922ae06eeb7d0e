import type { SubgraphDefinition } from '../platform/subgraph/server.ts';
import type { SubgraphName } from './registry.ts';
import { definition as organizations } from './organizations/public.ts';
import { definition as serviceLines } from './service-lines/public.ts';
import { definition as tasks } from './tasks/public.ts';
import { definition as managedServices } from './managed-services/public.ts';
import { definition as integrations } from './integrations/public.ts';
import { definition as events } from './events/public.ts';
import { definition as webhooks } from './webhooks/public.ts';
import { definition as auditLogs } from './audit-logs/public.ts';

/** Every subgraph's definition, by name, for the in-process system and the standalone runner. */
export const DEFINITIONS: Record<SubgraphName, SubgraphDefinition> = {
  organizations,
  'service-lines': serviceLines,
  tasks,
  'managed-services': managedServices,
  integrations,
  events,
  webhooks,
  'audit-logs': auditLogs,
};
