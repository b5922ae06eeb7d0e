import type { ApolloServerPlugin } from '@apollo/server';
import type { Db, Tx } from '../db.ts';
import type { Principal } from '../auth/tokens.ts';
import { isPlatformError, type PlatformError } from '../errors.ts';
import { log } from '../log.ts';
import type { SubgraphContext } from './context.ts';

const logger = log.child({ component: 'write-audit' });

/**
 * One write a caller attempted through a subgraph's mutation: the root field (`action`), its
 * arguments, and how it ended: `succeeded` with what the write returned, or `refused` with the
 * caller's error that stopped it (403, 404, 409, 422 ...).
 */
export interface WriteAttempt {
  principal: Principal;
  action: string;
  args: Record<string, unknown>;
  outcome: 'succeeded' | 'refused';
  /** What the write's transaction returned (succeeded only). */
  result?: unknown;
  /** The refusal's code (refused only). */
  errorCode?: string;
}

/**
 * Keeps a write attempt (the audit trail: subgraphs/audit-logs). A succeeded write is recorded with
 * the write's own transaction, before it commits; a refused one with the process's database.
 */
export type WriteRecorder = (db: Db | Tx, attempt: WriteAttempt) => Promise<void>;

interface AuditState {
  /** The root mutation field being resolved: root mutation fields run one after another. */
  current: { action: string; args: Record<string, unknown> } | null;
  refused: Array<{ action: string; args: Record<string, unknown>; errorCode: string }>;
}

/** The caller's error a root field failed with, if it failed with one (a 5xx is nobody's refusal). */
function refusalOf(error: unknown): PlatformError | undefined {
  const cause = isPlatformError(error) ? error : (error as { originalError?: unknown } | null)?.originalError;
  return isPlatformError(cause) && cause.status < 500 ? cause : undefined;
}

/**
 * Records every write a subgraph serves. Every mutation writes through `ctx.db.transaction` (once
 * per root field: commands.ts): for a mutation request that handle is wrapped, so each transaction,
 * once its work is done and before it commits, records the root field being resolved with what it
 * returned; the record and the write commit together or not at all. A root field that fails with a
 * caller's error is recorded as refused when the answer is sent (nothing else was written).
 */
export function writeAuditPlugin(record: WriteRecorder): ApolloServerPlugin<SubgraphContext> {
  const states = new WeakMap<SubgraphContext, AuditState>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const state: AuditState = { current: null, refused: [] };
          states.set(contextValue, state);
          contextValue.db = recorded(contextValue.db, contextValue.principal, state, record);
        },
        async executionDidStart({ contextValue }) {
          const state = states.get(contextValue);
          if (!state) return;
          return {
            willResolveField({ info, args }) {
              if (info.parentType.name !== 'Mutation' || info.path.prev !== undefined) return;
              const current = { action: info.fieldName, args: args as Record<string, unknown> };
              state.current = current;
              return (error) => {
                const refusal = error ? refusalOf(error) : undefined;
                if (refusal) state.refused.push({ ...current, errorCode: refusal.code });
              };
            },
          };
        },
        async willSendResponse({ contextValue }) {
          const state = states.get(contextValue);
          for (const { action, args, errorCode } of state?.refused ?? []) {
            await record(contextValue.deps.database.db, { principal: contextValue.principal, action, args, outcome: 'refused', errorCode })
              .catch((error) => logger.error({ err: error, action }, 'could not record a refused write'));
          }
        },
      };
    },
  };
}

/** `db` whose transactions end with the record of the write they made. */
function recorded(db: Db, principal: Principal, state: AuditState, record: WriteRecorder): Db {
  return new Proxy(db, {
    get(target, property) {
      if (property !== 'transaction') {
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      const transaction: Db['transaction'] = (work, config) =>
        target.transaction(async (tx) => {
          const result = await work(tx);
          const { action, args } = state.current ?? { action: 'unknown', args: {} };
          await record(tx, { principal, action, args, outcome: 'succeeded', result });
          return result;
        }, config);
      return transaction;
    },
  });
}
