import { Query } from './Query.ts';
import { AuditLog } from './AuditLog.ts';

export const resolvers = { Query, AuditLog };
