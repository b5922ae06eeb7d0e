import type { SlaReportResolvers } from '../generated/resolvers.ts';
import { podById, slaById, incidentById } from '../loaders.ts';
import type { IncidentRow } from '../models.ts';

/** A report is only visible through its pod, so its pod and SLA are always there. */
export const SlaReport: SlaReportResolvers = {
  pod: async (report, _, ctx) => (await podById(ctx).load(report.podId))!,
  sla: async (report, _, ctx) => (await slaById(ctx).load(report.slaId))!,
  incidents: async (report, _, ctx) => {
    const rows = await incidentById(ctx).loadMany(report.incidentIds);
    return rows.filter((row): row is IncidentRow => row != null && !(row instanceof Error));
  },
};
