import type { SubgraphDeps } from '../../platform/subgraph/context.ts';
import { sealingKey, type SealingKey } from '../../platform/secrets.ts';

const keys = new WeakMap<SubgraphDeps, SealingKey>();

/** The key that seals integration credentials (CREDENTIALS_KEY, else derived from AUTH_SECRET), made once per process. */
export function credentialsKeyOf(deps: SubgraphDeps): SealingKey {
  let key = keys.get(deps);
  if (!key) {
    key = sealingKey(deps.config.credentialsKey, deps.config.authSecret);
    keys.set(deps, key);
  }
  return key;
}
