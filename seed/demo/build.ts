import { Random } from '../random.ts';
import { buildOrganizations } from './organizations.ts';
import { buildServiceLines } from './service-lines.ts';
import { buildTasks } from './tasks.ts';
import { buildManagedServices } from './managed-services.ts';
import { buildIntegrations } from './integrations.ts';
import { buildEvents } from './events.ts';
import { buildWebhooks, webhookEventDrafts } from './webhooks.ts';
import type { DemoData } from './types.ts';

/** Changing the seed changes every generated value; the documented records stay as they are. */
const SEED = 20_260_415;

/** Builds every demo row in memory: a pure function of SEED, so two builds are identical. */
export function buildDemoData(): DemoData {
  const rng = new Random(SEED);
  const organizations = buildOrganizations();
  const lines = buildServiceLines(rng.fork('service-lines'));
  const serviceLines = lines.rows.serviceLines;
  const managed = buildManagedServices(rng.fork('managed-services'), serviceLines);
  const tasks = buildTasks(rng.fork('tasks'), serviceLines, lines.agents, lines.ends);
  const integrations = buildIntegrations(rng.fork('integrations'));

  const data: DemoData = {
    ...organizations.rows,
    serviceLines,
    usageRecords: [...lines.rows.usageRecords, ...managed.rows.usageRecords].sort((a, b) => (a.recordedAt as Date).getTime() - (b.recordedAt as Date).getTime()),
    tasks: tasks.rows.tasks,
    taskHistory: tasks.rows.taskHistory,
    pods: managed.rows.pods,
    podMembers: managed.rows.podMembers,
    slas: managed.rows.slas,
    slaReports: managed.rows.slaReports,
    tickets: managed.rows.tickets,
    incidents: managed.rows.incidents,
    integrations: integrations.rows.integrations,
    syncRuns: integrations.rows.syncRuns,
    events: [],
    webhookEndpoints: [],
    webhookDeliveries: [],
    webhookAttempts: [],
  };
  const drafts = [...organizations.events, ...lines.events, ...tasks.events, ...managed.events, ...integrations.events, ...webhookEventDrafts()];
  data.events = buildEvents(rng.fork('events'), data, drafts, lines.runs);
  // Deliveries name the events they carried, so they are built once the log has its IDs.
  Object.assign(data, buildWebhooks(rng.fork('webhooks'), data));
  return data;
}
