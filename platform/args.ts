import { badRequest } from './errors.ts';
import { ID_PREFIXES, typeOfId, type EntityType } from './ids.ts';

/**
 * Checks that an ID argument names an object of the expected type; BAD_USER_INPUT names the
 * argument (a REST body field's is 422: `refuse` is then `unprocessable`).
 */
export function checkId(type: EntityType, id: string, argument: string, refuse = badRequest): string {
  if (typeOfId(id) !== type) {
    throw refuse(`${argument} must be a ${type} ID (${ID_PREFIXES[type]}-YY-NNNNNN), got "${id}".`, argument);
  }
  return id;
}

export function checkOptionalId(type: EntityType, id: string | null | undefined, argument: string): string | undefined {
  return id == null ? undefined : checkId(type, id, argument);
}
