import { GraphQLError, type ExecutionResult } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { scopeOf } from '../../platform/scope.ts';
import { callerError } from '../../platform/unavailable.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { activityFilter, resumeSeq } from '../../subgraphs/events/public.ts';
import type { GraphContext } from '../graph.ts';
import type { ActivityFeed } from './feed.ts';
import { PullDriver, SocketDriver } from './drivers.ts';
import { endedBy } from './member.ts';
import { activityRequest, type ActivityRequest } from './plan.ts';

/** Contexts of subscriptions the feed serves (the per-subscriber bounding leaves them alone). */
const grouped = new WeakSet<object>();

export const isGrouped = (context: object | undefined): boolean => context !== undefined && grouped.has(context);

/**
 * Serves `activity` from this process's ActivityFeed instead of an upstream subscription per
 * subscriber. Everything before the subscription starts is the runtime's as for any operation
 * (authentication, parsing, validation, the document limits and the cost check run first); the
 * arguments are then checked as the events subgraph checks them (subgraphs/events/stream/activity.ts),
 * with the same errors.
 */
export function useGroupedActivity(feed: ActivityFeed): GatewayPlugin<GraphContext> {
  return {
    onSubscribe({ args, setSubscribeFn }) {
      const context = args.contextValue as Partial<GraphContext>;
      const principal = context.principal;
      if (!principal) return;
      const request = activityRequest(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined);
      if (!request) return;
      grouped.add(context);
      setSubscribeFn(() => subscribe(feed, request, principal, context) as never);
    },
  };
}

async function subscribe(feed: ActivityFeed, request: ActivityRequest, principal: Principal, context: Partial<GraphContext>): Promise<ExecutionResult | AsyncIterableIterator<ExecutionResult>> {
  const scope = scopeOf(principal);
  const { args, plan } = request;
  let joining;
  try {
    const filter = activityFilter(scope, args);
    const afterSeq = await resumeSeq(await feed.events(), scope, args.after);
    joining = { filter, afterSeq, after: args.after ?? null, plan, principal };
  } catch (error) {
    const known = callerError(error);
    if (!known) throw error;
    const extensions = { code: known.graphqlCode, status: known.status, ...(known.field ? { argument: known.field } : {}) };
    return { errors: [new GraphQLError(known.message, { path: [plan.rootKey], extensions })] };
  }
  const ended = context.ended;
  if (ended?.aborted) return { errors: [endedBy(ended.reason, args.after ?? null)] };
  const member = await feed.join(joining);
  const driver = context.liveSocket ? new SocketDriver(member, context.liveSocket) : new PullDriver(member);
  if (ended) {
    const onEnded = () => member.sessionEnded(ended.reason);
    ended.addEventListener('abort', onEnded, { once: true });
    member.onFinish = () => ended.removeEventListener('abort', onEnded);
  }
  return driver;
}
