import { DEMO, demoId } from './ids.ts';
import { at } from './time.ts';
import type { DemoData, EventDraft } from './types.ts';

type Role = 'owner' | 'admin' | 'member' | 'viewer';
type Status = 'invited' | 'active' | 'deactivated';
/** [USR number, name, organization role, status, created]. */
type Person = [number, string, Role, Status, string];

const APEX_PEOPLE: Person[] = [
  [40, 'Maya Okafor', 'owner', 'active', '2024-03-01T09:00:00Z'],
  [41, 'Daniel Brandt', 'admin', 'active', '2024-03-01T09:30:00Z'],
  [42, 'Priya Raman', 'member', 'active', '2024-03-04T10:00:00Z'],
  [43, 'Tomás Aguilar', 'member', 'active', '2024-03-04T10:15:00Z'],
  [44, 'Sarah Chen', 'admin', 'active', '2024-03-05T08:45:00Z'],
  [45, 'Kwame Mensah', 'member', 'active', '2024-03-11T09:00:00Z'],
  [46, 'Elena Petrova', 'member', 'active', '2024-04-02T09:00:00Z'],
  [47, "Liam O'Connor", 'member', 'active', '2024-05-13T09:00:00Z'],
  [48, 'Aisha Bello', 'member', 'active', '2024-06-03T09:00:00Z'],
  [49, 'Marco Rossi', 'member', 'active', '2024-07-01T09:00:00Z'],
  [50, 'Hannah Schmidt', 'member', 'active', '2024-07-01T09:20:00Z'],
  [51, 'Yuki Tanaka', 'member', 'active', '2024-09-16T09:00:00Z'],
  [52, 'Noah Williams', 'viewer', 'active', '2024-10-07T09:00:00Z'],
  [53, 'Fatima Zahra', 'viewer', 'active', '2024-11-04T09:00:00Z'],
  [54, 'Lucas Martin', 'member', 'active', '2025-01-13T09:00:00Z'],
  [55, 'Chloe Dubois', 'member', 'active', '2025-03-03T09:00:00Z'],
  [56, 'Ravi Kapoor', 'member', 'deactivated', '2025-04-07T09:00:00Z'],
  [57, 'Grace Kim', 'member', 'active', '2025-06-02T09:00:00Z'],
  [78, 'Oliver Smith', 'member', 'invited', '2026-04-06T14:00:00Z'],
  [79, 'Sofia Alvarez', 'member', 'invited', '2026-04-09T11:30:00Z'],
  [80, 'Ethan Brown', 'member', 'invited', '2026-04-14T15:10:00Z'],
  [81, 'Amara Nwosu', 'member', 'active', '2025-11-03T09:00:00Z'],
];

const NORTHWIND_PEOPLE: Person[] = [
  [10, 'Ingrid Larsen', 'owner', 'active', '2025-06-10T08:00:00Z'],
  [11, 'Mateo Silva', 'admin', 'active', '2025-06-10T08:30:00Z'],
  [12, 'Zara Ahmed', 'member', 'active', '2025-06-16T09:00:00Z'],
  [13, 'Felix Wagner', 'member', 'active', '2025-06-16T09:10:00Z'],
  [14, 'Nina Kowalski', 'member', 'active', '2025-07-07T09:00:00Z'],
  [15, 'Samuel Osei', 'member', 'active', '2025-08-04T09:00:00Z'],
  [16, 'Lea Fischer', 'member', 'active', '2025-09-01T09:00:00Z'],
  [17, 'Arjun Mehta', 'viewer', 'invited', '2026-03-18T10:00:00Z'],
];

/** Workspace memberships: [USR number, workspace role]. */
const MEMBERS: Record<string, Array<[number, Role]>> = {
  [DEMO.workspaceId]: [
    [40, 'owner'], [41, 'admin'], [42, 'member'], [43, 'member'], [44, 'admin'], [45, 'member'],
    [46, 'member'], [47, 'member'], [48, 'member'], [52, 'viewer'], [53, 'viewer'], [54, 'member'],
    [55, 'member'], [56, 'member'], [57, 'member'], [78, 'member'], [79, 'member'], [81, 'member'],
  ],
  [DEMO.dataWorkspaceId]: [
    [40, 'owner'], [41, 'admin'], [44, 'member'], [46, 'member'], [49, 'admin'], [50, 'member'],
    [51, 'member'], [53, 'viewer'], [80, 'member'],
  ],
  [DEMO.otherWorkspaceId]: [
    [10, 'owner'], [11, 'admin'], [12, 'member'], [13, 'member'], [14, 'member'], [15, 'member'],
    [16, 'member'], [17, 'viewer'],
  ],
};

const WORKSPACE_CREATED: Record<string, string> = {
  [DEMO.workspaceId]: '2024-03-15T10:00:00Z',
  [DEMO.dataWorkspaceId]: '2024-06-20T10:00:00Z',
  [DEMO.otherWorkspaceId]: '2025-06-10T09:00:00Z',
};

function email(name: string, domain: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/'/g, '');
  return `${ascii.toLowerCase().replace(/\s+/g, '.')}@${domain}`;
}

function people(organizationId: string, list: Person[], domain: string): DemoData['users'] {
  return list.map(([n, name, role, status, created]) => ({
    id: demoId('USR', n), organizationId, email: email(name, domain), name, role, status, createdAt: at(created),
  }));
}

/** Who is in each workspace, for builders that pick assignees and actors. */
export function workspaceUserIds(workspaceId: string, roles: Role[] = ['owner', 'admin', 'member']): string[] {
  return (MEMBERS[workspaceId] ?? []).filter(([, r]) => roles.includes(r)).map(([n]) => demoId('USR', n));
}

/** Active users who can do work (assignees, ticket submitters): invited and deactivated ones cannot. */
export function activeWorkerIds(workspaceId: string): string[] {
  const inactive = new Set([...APEX_PEOPLE, ...NORTHWIND_PEOPLE].filter((p) => p[3] !== 'active').map((p) => demoId('USR', p[0])));
  return workspaceUserIds(workspaceId, ['owner', 'admin', 'member']).filter((id) => !inactive.has(id));
}

type Rows = Pick<DemoData, 'plans' | 'organizations' | 'workspaces' | 'users' | 'workspaceMembers' | 'projects' | 'subscriptions'>;

export function buildOrganizations(): { rows: Rows; events: EventDraft[] } {
  const apex = DEMO.organizationId;
  const northwind = DEMO.otherOrganizationId;
  const users = [...people(apex, APEX_PEOPLE, 'apexdigital.com'), ...people(northwind, NORTHWIND_PEOPLE, 'northwindlabs.io')];
  const userCreated = new Map(users.map((u) => [u.id, u.createdAt as Date]));
  const orgOfWorkspace: Record<string, string> = {
    [DEMO.workspaceId]: apex, [DEMO.dataWorkspaceId]: apex, [DEMO.otherWorkspaceId]: northwind,
  };

  const rows: Rows = {
    plans: [
      { id: 'PLN-26-000001', name: 'Starter', tier: 'starter', allowedProductLines: ['talent', 'ods'], maxActiveServiceLines: 5, createdAt: at('2024-01-02T00:00:00Z') },
      { id: 'PLN-26-000002', name: 'Growth', tier: 'growth', allowedProductLines: ['talent', 'ods', 'managed_services', 'intelligence'], maxActiveServiceLines: 20, createdAt: at('2024-01-02T00:00:00Z') },
      { id: DEMO.planId, name: 'Enterprise', tier: 'enterprise', allowedProductLines: ['talent', 'managed_services', 'ods', 'infrastructure', 'intelligence', 'agents'], maxActiveServiceLines: null, createdAt: at('2024-01-02T00:00:00Z') },
      { id: 'PLN-26-000004', name: 'Scale', tier: 'scale', allowedProductLines: ['talent', 'managed_services', 'ods', 'infrastructure', 'intelligence'], maxActiveServiceLines: 50, createdAt: at('2025-02-03T00:00:00Z') },
    ],
    organizations: [
      { id: apex, name: 'Apex Digital', slug: 'apex-digital', billingEmail: 'billing@apexdigital.com', createdAt: at('2024-03-01T08:00:00Z') },
      { id: northwind, name: 'Northwind Labs', slug: 'northwind-labs', billingEmail: 'finance@northwindlabs.io', createdAt: at('2025-06-10T07:30:00Z') },
    ],
    workspaces: [
      { id: DEMO.workspaceId, organizationId: apex, name: 'Payments Engineering', slug: 'payments-engineering', settings: { require_task_service_line: true }, createdAt: at(WORKSPACE_CREATED[DEMO.workspaceId]) },
      // The one workspace that lets tasks go without a Service Line, so that path has data too.
      { id: DEMO.dataWorkspaceId, organizationId: apex, name: 'Data Platform', slug: 'data-platform', settings: { require_task_service_line: false }, createdAt: at(WORKSPACE_CREATED[DEMO.dataWorkspaceId]) },
      { id: DEMO.otherWorkspaceId, organizationId: northwind, name: 'Northwind Engineering', slug: 'northwind-engineering', settings: { require_task_service_line: true }, createdAt: at(WORKSPACE_CREATED[DEMO.otherWorkspaceId]) },
    ],
    users,
    workspaceMembers: Object.entries(MEMBERS).flatMap(([workspaceId, list]) => list.map(([n, role]) => {
      const userId = demoId('USR', n);
      const opened = at(WORKSPACE_CREATED[workspaceId]);
      const created = userCreated.get(userId)!;
      if (orgOfWorkspace[workspaceId] !== users.find((u) => u.id === userId)!.organizationId) {
        throw new Error(`${userId} cannot join ${workspaceId} of another organization`);
      }
      return { workspaceId, userId, role, joinedAt: created > opened ? created : opened };
    })),
    projects: [
      { id: DEMO.projectId, organizationId: apex, name: 'Payments Platform Rebuild', description: 'Re-platforming card and wallet payments onto the new payments API and worker fleet.', createdAt: at('2025-08-04T09:00:00Z') },
      { id: 'PROJ-26-004276', organizationId: apex, name: 'PCI DSS 4.0 Compliance', description: 'Controls, evidence and remediation for the PCI DSS 4.0 assessment.', createdAt: at('2025-05-12T09:00:00Z') },
      { id: 'PROJ-26-004288', organizationId: apex, name: 'Real-time Fraud Scoring', description: 'Streaming fraud features and scoring shared by payments and data teams.', createdAt: at('2025-10-06T09:00:00Z') },
      { id: DEMO.otherProjectId, organizationId: northwind, name: 'Northwind Mobile Relaunch', description: null, createdAt: at('2025-07-01T09:00:00Z') },
    ],
    subscriptions: [
      { id: DEMO.subscriptionId, organizationId: apex, planId: DEMO.planId, status: 'active', startedAt: at('2025-01-01T00:00:00Z'), renewsAt: at('2027-01-01T00:00:00Z'), cancelledAt: null, createdAt: at('2024-12-16T11:00:00Z') },
      { id: 'SUB-26-000874', organizationId: apex, planId: 'PLN-26-000002', status: 'cancelled', startedAt: at('2024-03-01T00:00:00Z'), renewsAt: null, cancelledAt: at('2024-12-31T23:59:59Z'), createdAt: at('2024-03-01T08:05:00Z') },
      { id: DEMO.otherSubscriptionId, organizationId: northwind, planId: 'PLN-26-000002', status: 'active', startedAt: at('2025-06-10T00:00:00Z'), renewsAt: at('2026-06-10T00:00:00Z'), cancelledAt: null, createdAt: at('2025-06-10T07:45:00Z') },
    ],
  };

  const events: EventDraft[] = [];
  for (const u of users) {
    if (u.status !== 'invited') continue;
    const inviter = u.organizationId === apex ? DEMO.adminUserId : DEMO.otherAdminUserId;
    events.push({
      type: 'user.invited', organizationId: u.organizationId, workspaceId: null,
      actorType: 'user', actorId: inviter, subjectType: 'user', subjectId: u.id!,
      payload: { email: u.email, role: u.role, invited_by: inviter }, createdAt: u.createdAt as Date,
    });
  }
  events.push({
    type: 'user.role_changed', organizationId: apex, workspaceId: null, actorType: 'user', actorId: DEMO.ownerUserId,
    subjectType: 'user', subjectId: 'USR-26-000055', payload: { previous_role: 'viewer', new_role: 'member' }, createdAt: at('2026-02-02T10:00:00Z'),
  });
  events.push({
    type: 'user.deactivated', organizationId: apex, workspaceId: null, actorType: 'user', actorId: DEMO.ownerUserId,
    subjectType: 'user', subjectId: DEMO.deactivatedUserId, payload: { reason: 'offboarded' }, createdAt: at('2026-02-27T16:00:00Z'),
  });
  return { rows, events };
}
