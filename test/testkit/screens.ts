/**
 * The frontend's screens as the single queries they send: the end-to-end tests run them and the
 * benchmark times them. The dashboard takes its page sizes as variables, so its cost can be
 * compared across sizes.
 */
export const DASHBOARD = `query Dashboard($ws: ID!, $lines: Int!, $tasks: Int!, $integrations: Int!, $events: Int!) {
  workspace(id: $ws) {
    id name
    organization { id name }
    serviceLines(status: [ACTIVE], first: $lines) {
      totalCount
      nodes {
        id name productLine status deliveryVelocity
        usage(from: "2026-04-01", to: "2026-04-30") { totalCost metrics { metric quantity cost currency } }
        pod { id name status sla { id responseTimeHours currentCompliance } latestSlaReport { period compliancePercent } }
        tasks(status: [BACKLOG, IN_PROGRESS, IN_REVIEW], first: $tasks) {
          totalCount
          nodes { id title status priority assignee { id name email } }
        }
      }
    }
    integrations(first: $integrations) { nodes { id type name status syncStatus lastSyncedAt } }
    events(first: $events) {
      nodes {
        id type createdAt
        actor { __typename ... on User { id name } ... on ResourceRef { type id } ... on SystemActor { type } }
        subject {
          __typename
          ... on Task { id title status }
          ... on ServiceLine { id name }
          ... on Pod { id name }
          ... on Integration { id name }
          ... on Incident { id title severity }
          ... on Ticket { id title }
          ... on User { id name }
          ... on Workspace { id name }
          ... on ResourceRef { type id }
        }
      }
    }
  }
}`;

export const POD_DETAIL = `query PodDetail($id: ID!) {
  pod(id: $id) {
    id name status deliveryModel teamSize costPerMonth currency startedAt renewsAt
    team { talentId role }
    sla { id throughputTasksPerSprint responseTimeHours availabilityHoursPerWeek currentCompliance }
    latestSlaReport { period compliancePercent metrics { metric target actual status } incidents { id } }
    tickets(status: [OPEN, ACKNOWLEDGED, IN_PROGRESS], first: 20) { nodes { id title priority status slaResponseDueAt } }
    incidents(first: 20) { nodes { id title severity status } }
    serviceLine { id name tasks(status: [BACKLOG, IN_PROGRESS, IN_REVIEW], first: 20) { nodes { id title status assignee { name } } } }
  }
}`;

export const TASK_DETAIL = `query TaskDetail($id: ID!) {
  task(id: $id) {
    id title description status priority createdAt updatedAt
    external { id source url }
    history { at change from to by }
    assignee { id name email role }
    serviceLine { id name status workspace { id name } }
    project { id name }
    events(first: 20) { nodes { id type createdAt actor { __typename ... on User { name } } } }
  }
}`;
