import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { LimitsConfig } from './config.ts';
import { documentLimitPlugins } from './document.ts';
import { useCostLimit } from './cost-plugin.ts';
import { productionPlugins } from './production.ts';

export { loadLimitsConfig, type LimitsConfig } from './config.ts';
export { documentLimits, type DocumentLimits } from './document.ts';
export { costRefusal } from './cost-plugin.ts';
export { createRateLimit, RateLimited, type RateLimit } from './rate-limit.ts';

/**
 * The graph's own limits, in the order a request meets them: the document's size while parsing,
 * its shape (and whether it introspects, when that is off) while validating (document.ts), its cost once its
 * variables are known; and, in production, what errors may say. The per-caller rate limit runs earlier, in the HTTP handler (rate-limit.ts).
 */
export function limitPlugins(limits: LimitsConfig, production: boolean): GatewayPlugin[] {
  return [
    ...documentLimitPlugins(limits),
    useCostLimit(limits.maxNodes),
    ...(production ? productionPlugins() : []),
  ];
}
