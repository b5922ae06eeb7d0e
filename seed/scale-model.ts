import { formatId } from '../platform/ids.ts';
import { BILLING_MODELS, EXECUTION_MODELS, PRODUCT_LINES } from '../subgraphs/service-lines/tables.ts';
import type { INTEGRATION_TYPES } from '../subgraphs/integrations/tables.ts';
import { below, chance, pick, unit, weighted } from './scale-random.ts';

/**
 * The shape of the benchmark organization: how many rows of each kind a scale asks for, and the
 * small tables (organization, workspaces, users, projects, lines, integrations) that the bulk rows
 * point at. Everything is a pure function of the scale, so two loads of one scale are identical.
 */

/** All scale data lies in the 180 days before this instant; nothing reads the clock. */
export const REFERENCE_DATE = new Date('2026-04-15T00:00:00Z');
export const DAY = 86_400;
export const REF_S = REFERENCE_DATE.getTime() / 1000;
export const WINDOW_DAYS = 180;
export const START_S = REF_S - WINDOW_DAYS * DAY;

/**
 * First ID number of each prefix. The demo data stays below 100000, and minted IDs start at 1, so
 * these ranges are free on any database that has not minted a hundred thousand of a kind. Every
 * base has six digits, so `PREFIX-26-<number>` is already the formatted ID.
 */
export const ID_BASES = {
  ORG: 100_000, WS: 100_000, USR: 100_000, PROJ: 100_000, LIN: 100_000, INT: 100_000, INC: 100_000,
  POD: 100_000, SLA: 100_000, TKT: 100_000, SYNC: 100_000,
  TSK: 2_000_000, EVT: 3_000_000,
} as const;
export type ScalePrefix = keyof typeof ID_BASES;
export const ID_YEAR = 26;

export const scaleId = (prefix: ScalePrefix, offset: number) => formatId(prefix, ID_YEAR, ID_BASES[prefix] + offset);
export const SCALE_ORG_ID = scaleId('ORG', 0);

/** PRNG streams: one per domain, so adding a field to one never shifts another's values. */
export const S = { user: 1, line: 2, project: 3, task: 4, event: 5, usage: 6, incident: 7, integration: 8 } as const;

export interface ScalePlan {
  scale: number;
  workspaces: number;
  users: number;
  members: number;
  projects: number;
  lines: number;
  integrations: number;
  tasks: number;
  taskHistory: number;
  usageRecords: number;
  events: number;
  /** Events other than task.created (which come one per task). */
  otherEvents: number;
  incidents: number;
  /** Pods (one per active or paused managed-services line), their SLAs, SLA reports and tickets; integration sync runs. */
  pods: number;
  slas: number;
  slaReports: number;
  tickets: number;
  syncRuns: number;
  total: number;
}

export const WORKSPACES = 4;
export const USERS = 200;
export const PROJECTS = 20;
/** 100 of them active: the size of workspace a health benchmark assesses in one request (bench/health.ts). */
export const LINES_PER_WORKSPACE = 124;
export const INTEGRATIONS_PER_WORKSPACE = 3;
/** Tickets each pod received over the window (seed/scale-managed.ts). */
export const TICKETS_PER_POD = 12;
/** Monthly SLA reports per pod, up to the reference date's month. */
export const SLA_REPORT_MONTHS = 6;
/** Days of sync history per integration, a run every six hours: two health windows and more. */
export const SYNC_HISTORY_DAYS = 60;
export const SYNC_RUNS_PER_INTEGRATION = SYNC_HISTORY_DAYS * 4;
/** Every 199th non-task event opens an incident, so the incident count is known before loading. */
export const INCIDENT_EVERY = 199;

export function planScale(scale: number): ScalePlan {
  if (!Number.isSafeInteger(scale) || scale < 1) throw new Error(`scale must be a positive integer, got ${scale}`);
  const tasks = Math.floor(scale / 10);
  const otherEvents = scale - tasks;
  const counts = {
    workspaces: WORKSPACES,
    users: USERS,
    members: USERS + Math.ceil(USERS / 5) * (WORKSPACES - 1),
    projects: PROJECTS,
    lines: WORKSPACES * LINES_PER_WORKSPACE,
    integrations: WORKSPACES * INTEGRATIONS_PER_WORKSPACE,
    tasks,
    taskHistory: tasks,
    usageRecords: Math.floor(scale / 10),
    events: scale,
    incidents: Math.ceil(otherEvents / INCIDENT_EVERY),
    ...managedCounts(lineCatalog()),
  };
  const total = 1 + Object.values(counts).reduce((a, b) => a + b, 0);
  return { scale, otherEvents, total, ...counts };
}

// ---- people -------------------------------------------------------------------------------------

const FIRST = ['Ada', 'Bongani', 'Chen', 'Divya', 'Emeka', 'Fatima', 'Gareth', 'Hana', 'Ivan', 'Jia', 'Kwame', 'Lerato', 'Mateo', 'Naledi', 'Omar', 'Priya', 'Quinn', 'Rui', 'Sipho', 'Thandi', 'Uma', 'Vusi', 'Wei', 'Yusuf', 'Zanele'];
const LAST = ['Adeyemi', 'Botha', 'Castillo', 'Dlamini', 'Eriksen', 'Fourie', 'Gupta', 'Haddad', 'Ibrahim', 'Jansen', 'Khumalo', 'Li', 'Mokoena', 'Naidoo', 'Okafor', 'Pillay', 'Reyes', 'Smit', 'Tanaka', 'Van Wyk'];

export type Role = 'owner' | 'admin' | 'member' | 'viewer';

export function userAt(u: number) {
  const first = pick(FIRST, S.user, u, 1);
  const last = pick(LAST, S.user, u, 2);
  const role: Role = u === 0 ? 'owner' : u <= 5 ? 'admin' : u >= USERS - 20 ? 'viewer' : 'member';
  const status = u % 50 === 49 ? 'invited' as const : u % 67 === 66 ? 'deactivated' as const : 'active' as const;
  return {
    id: scaleId('USR', u),
    name: `${first} ${last}`,
    email: `${first}.${last}.${u}@scale-bench.example.com`.toLowerCase().replace(/ /g, ''),
    role,
    status,
    createdAt: new Date((START_S - 200 * DAY + u * 3_600) * 1000),
  };
}

/** User u belongs to workspace u % WORKSPACES; every fifth user to all of them. */
export function workspacesOfUser(u: number): number[] {
  const home = u % WORKSPACES;
  if (u % 5 !== 0) return [home];
  return [home, ...Array.from({ length: WORKSPACES }, (_, w) => w).filter((w) => w !== home)];
}

/** A user (index) whose home is workspace `ws`. */
export function userInWorkspace(ws: number, stream: number, index: number, salt: number): number {
  return ws + WORKSPACES * below(Math.ceil((USERS - ws) / WORKSPACES), stream, index, salt);
}

export const WORKSPACE_NAMES = ['Platform', 'Mobile', 'Data', 'Operations', 'Growth', 'Security', 'Payments', 'Support'];

// ---- service lines -------------------------------------------------------------------------------

type ProductLine = (typeof PRODUCT_LINES)[number];
type ExecutionModel = (typeof EXECUTION_MODELS)[number];
type BillingModel = (typeof BILLING_MODELS)[number];

/** The execution and billing model each product line normally has; a quarter of lines differ. */
const NATURAL: Record<ProductLine, [ExecutionModel, BillingModel, string]> = {
  talent: ['capacity', 'time_and_materials', 'squad'],
  managed_services: ['ongoing_sla', 'fixed_monthly', 'pod'],
  ods: ['outcome', 'fixed_price', 'delivery'],
  infrastructure: ['estate', 'usage_based', 'estate'],
  intelligence: ['analysis', 'subscription', 'insights'],
  agents: ['agent', 'usage_based', 'agents'],
};
const productLineOf = weighted<ProductLine>([
  ['talent', 30], ['managed_services', 20], ['ods', 15], ['infrastructure', 15], ['intelligence', 10], ['agents', 10],
]);
/** Usage metric, quantity range and unit price of each product line. */
export const METRICS: Record<ProductLine, [string, number, number]> = {
  talent: ['talent.hours', 40, 95],
  managed_services: ['managed_services.pod_hours', 24, 120],
  ods: ['ods.delivery_points', 13, 450],
  infrastructure: ['infrastructure.compute_hours', 200, 0.42],
  intelligence: ['intelligence.reports', 5, 75],
  agents: ['agents.runs', 500, 0.08],
};

export type LineStatus = 'active' | 'paused' | 'draft' | 'closed';

export interface LineInfo {
  index: number;
  number: number;
  id: string;
  ws: number;
  productLine: ProductLine;
  executionModel: ExecutionModel;
  billingModel: BillingModel;
  status: LineStatus;
  projects: number[];
  name: string;
  createdAt: number;
  activatedAt: number | null;
  closedAt: number | null;
}

export function lineAt(i: number): LineInfo {
  const ws = Math.floor(i / LINES_PER_WORKSPACE);
  const p = i % LINES_PER_WORKSPACE;
  // 16 of every 20 lines are active, so each workspace has 100 active, 12 paused, 6 draft, 6 closed.
  const status: LineStatus = p % 20 < 16 ? 'active' : p % 20 < 18 ? 'paused' : p % 20 === 18 ? 'draft' : 'closed';
  const productLine = productLineOf(S.line, i, 1);
  const [execution, billing, noun] = NATURAL[productLine];
  const projects = Array.from({ length: below(3, S.line, i, 4) }, (_, j) => below(PROJECTS, S.line, i, 5 + j))
    .filter((v, j, all) => all.indexOf(v) === j);
  const createdAt = START_S - DAY * (20 + below(200, S.line, i, 6));
  const activatedAt = status === 'draft' ? null : createdAt + DAY * (1 + below(10, S.line, i, 7));
  return {
    index: i,
    number: ID_BASES.LIN + i,
    id: scaleId('LIN', i),
    ws,
    productLine,
    executionModel: chance(0.85, S.line, i, 2) ? execution : pick(EXECUTION_MODELS, S.line, i, 8),
    billingModel: chance(0.75, S.line, i, 3) ? billing : pick(BILLING_MODELS, S.line, i, 9),
    status,
    projects,
    name: `${WORKSPACE_NAMES[ws % WORKSPACE_NAMES.length]} ${productLine.replace(/_/g, ' ')} ${noun} ${p + 1}`,
    createdAt,
    activatedAt,
    closedAt: status === 'closed' ? REF_S - DAY * (1 + below(60, S.line, i, 10)) : null,
  };
}

export interface LineCatalog {
  all: LineInfo[];
  /** Active lines per workspace: where new tasks go. */
  activeByWs: LineInfo[][];
  active: LineInfo[];
  /** Lines that bill usage: active and paused ones. */
  billing: LineInfo[];
  agents: LineInfo[];
}

export function lineCatalog(): LineCatalog {
  const all = Array.from({ length: WORKSPACES * LINES_PER_WORKSPACE }, (_, i) => lineAt(i));
  const active = all.filter((l) => l.status === 'active');
  const agents = active.filter((l) => l.productLine === 'agents');
  return {
    all,
    active,
    activeByWs: Array.from({ length: WORKSPACES }, (_, w) => active.filter((l) => l.ws === w)),
    billing: all.filter((l) => l.status === 'active' || l.status === 'paused'),
    agents: agents.length > 0 ? agents : active,
  };
}

// ---- projects and integrations -------------------------------------------------------------------

const PROJECT_NAMES = ['Atlas', 'Beacon', 'Cobalt', 'Delta', 'Ember', 'Falcon', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Lumen', 'Meridian', 'Nimbus', 'Orion', 'Pioneer', 'Quartz', 'Relay', 'Summit', 'Tundra'];

export function projectAt(j: number) {
  return {
    id: scaleId('PROJ', j),
    name: `Project ${PROJECT_NAMES[j % PROJECT_NAMES.length]}${j >= PROJECT_NAMES.length ? ` ${Math.floor(j / PROJECT_NAMES.length) + 1}` : ''}`,
    description: `Benchmark label ${j + 1}`,
    archived: j % 10 === 9,
    createdAt: new Date((START_S - DAY * (100 + j)) * 1000),
  };
}

const INTEGRATION_KINDS: Array<(typeof INTEGRATION_TYPES)[number]> = ['github', 'jira', 'slack'];

export function integrationAt(n: number) {
  const ws = Math.floor(n / INTEGRATIONS_PER_WORKSPACE);
  const type = INTEGRATION_KINDS[n % INTEGRATIONS_PER_WORKSPACE];
  // One Jira connection fails its syncs: the integration.sync_failed events point at real trouble.
  const failing = ws === WORKSPACES - 1 && type === 'jira';
  return {
    id: scaleId('INT', n),
    ws,
    type,
    name: `${WORKSPACE_NAMES[ws % WORKSPACE_NAMES.length]} ${type}`,
    status: failing ? 'error' as const : 'active' as const,
    syncStatus: failing ? 'failed' as const : unit(S.integration, n) < 0.8 ? 'healthy' as const : 'degraded' as const,
    lastSyncedAt: new Date((REF_S - 60 * (5 + below(600, S.integration, n, 1))) * 1000),
    connectedBy: scaleId('USR', userInWorkspace(ws, S.integration, n, 2)),
    createdAt: new Date((START_S - DAY * (10 + n)) * 1000),
  };
}

/** Lines that have a pod: active or paused managed-services lines, in catalog order. */
export function podLines(lines: LineCatalog): LineInfo[] {
  return lines.all.filter((l) => l.productLine === 'managed_services' && (l.status === 'active' || l.status === 'paused'));
}

function managedCounts(lines: LineCatalog) {
  const pods = podLines(lines).length;
  return {
    pods,
    slas: pods,
    slaReports: pods * SLA_REPORT_MONTHS,
    tickets: pods * TICKETS_PER_POD,
    syncRuns: WORKSPACES * INTEGRATIONS_PER_WORKSPACE * SYNC_RUNS_PER_INTEGRATION,
  };
}
