import { forbidden } from '../errors.ts';
import { ROLES, type Principal, type Role } from './tokens.ts';

/**
 * What each role may do, written down once and enforced by every subgraph and the gateway:
 * - read:  every role (owner, admin, member, viewer) reads its organization's data;
 * - write: owner, admin and member create and change delivery records (tasks, integrations, pods,
 *          tickets, incidents: raising, resolving and changing an incident's severity);
 * - admin: owner and admin manage access (API keys, members) and the organization's contracts:
 *          they alone list, create and revoke API keys, and activate, pause, resume and close
 *          Service Lines (which start and stop billing).
 * Roles rank owner > admin > member > viewer (the order of ROLES). What a principal hands out, such
 * as an API key's role, never ranks above its own role, so no one can mint more power than they hold.
 */
export type Capability = 'read' | 'write' | 'admin';

export const CAPABILITIES: Record<Role, readonly Capability[]> = {
  owner: ['read', 'write', 'admin'],
  admin: ['read', 'write', 'admin'],
  member: ['read', 'write'],
  viewer: ['read'],
};

export function can(principal: Principal, capability: Capability): boolean {
  return CAPABILITIES[principal.role].includes(capability);
}

export function requireCapability(principal: Principal, capability: Capability): void {
  if (!can(principal, capability)) {
    throw forbidden(`Role ${principal.role} may not ${capability === 'admin' ? 'administer this organization' : 'make changes'}.`);
  }
}

/** Whether `principal` may hand out `role` (to an API key): never a role above its own. */
export function mayGrant(principal: Principal, role: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(principal.role);
}
