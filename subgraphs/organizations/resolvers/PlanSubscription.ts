import type { PlanSubscriptionResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { subscriptionById, planById, required } from '../loaders.ts';

export const PlanSubscription: PlanSubscriptionResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, subscriptionById(ctx)),
  plan: (subscription, _, ctx) => required(planById(ctx), 'Plan', subscription.planId),
};
