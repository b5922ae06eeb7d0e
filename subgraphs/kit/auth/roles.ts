import { forbidden } from '../errors.ts';
import type { Principal, Role } from './tokens.ts';

/**
 * What each role may do, written down once and enforced by every subgraph and the gateway:
 * - read:  every role (owner, admin, member, viewer) reads its organization's data;
 * - write: owner, admin and member create and change delivery records (tasks, integrations, pods,
 *          tickets, incidents);
 * - admin: owner and admin manage access (API keys, members).
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
