import type {
  plans, organizations, workspaces, users, workspaceMembers, projects, subscriptions,
  serviceLines, usageRecords, tasks, taskHistory, pods, podMembers, slas, slaReports, tickets,
  incidents, integrations, syncRuns, events, endpoints, deliveries, attempts,
} from '../../schema/tables.ts';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/** An event before it has its EVT-* number, which it gets only once the log is in time order. */
export type EventDraft = Omit<Insert<typeof events>, 'id' | 'createdAt'> & { id?: string; createdAt: Date };

/** Every row the demo loads, table by table, in an order that satisfies the foreign keys. */
export interface DemoData {
  plans: Insert<typeof plans>[];
  organizations: Insert<typeof organizations>[];
  workspaces: Insert<typeof workspaces>[];
  users: Insert<typeof users>[];
  workspaceMembers: Insert<typeof workspaceMembers>[];
  projects: Insert<typeof projects>[];
  subscriptions: Insert<typeof subscriptions>[];
  serviceLines: Insert<typeof serviceLines>[];
  usageRecords: Insert<typeof usageRecords>[];
  tasks: Insert<typeof tasks>[];
  taskHistory: Insert<typeof taskHistory>[];
  pods: Insert<typeof pods>[];
  podMembers: Insert<typeof podMembers>[];
  slas: Insert<typeof slas>[];
  slaReports: Insert<typeof slaReports>[];
  tickets: Insert<typeof tickets>[];
  incidents: Insert<typeof incidents>[];
  integrations: Insert<typeof integrations>[];
  syncRuns: Insert<typeof syncRuns>[];
  events: Insert<typeof events>[];
  webhookEndpoints: Insert<typeof endpoints>[];
  webhookDeliveries: Insert<typeof deliveries>[];
  webhookAttempts: Insert<typeof attempts>[];
}

export type ServiceLineRow = Insert<typeof serviceLines>;
export type TaskRow = Insert<typeof tasks>;
export type UserRow = Insert<typeof users>;

/** Who acted, by ID prefix: AGT-* are agents, USR-* users, nothing at all the platform itself. */
export function actorOf(id: string | null | undefined): { actorType: string; actorId: string | null } {
  if (!id) return { actorType: 'system', actorId: null };
  return { actorType: id.startsWith('AGT-') ? 'agent' : 'user', actorId: id };
}
