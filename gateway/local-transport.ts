import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { LocalExecute } from '../platform/subgraph/local.ts';
import type { GraphContext } from './graph.ts';

/** A subgraph served in the gateway's own process (scripts/system.ts, under `npm start`). */
export interface LocalSubgraph {
  execute: LocalExecute;
  /**
   * Whether it is being served: false while its HTTP listener is stopped (tests take a part of the
   * graph away with `stopSubgraph`), and the gateway then goes over HTTP, failing as it would.
   */
  serving(): boolean;
}

/** What a subgraph fetch carries (the part of Hive Gateway's execution request read here). */
export interface SubgraphRequest {
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
  operationType?: string;
  context?: unknown;
  extensions?: Record<string, unknown>;
}

type Executor = (request: SubgraphRequest) => Promise<unknown>;

interface TransportEntry {
  kind: string;
  subgraph: string;
  location?: string;
  options?: Record<string, unknown>;
}

/** Hive Gateway's transport interface (`@graphql-mesh/transport-common`), as far as it is used. */
export interface Transport {
  getSubgraphExecutor(options: { subgraphName: string; transportEntry: TransportEntry; getTransportExecutor(entry: TransportEntry): unknown }): Executor;
}

/** The transport kind of a co-located subgraph. */
export const LOCAL_KIND = 'local';

/**
 * Hive Gateway's transport for co-located subgraphs: queries and mutations are handed to the
 * subgraph's in-process executor (platform/subgraph/local.ts) with the principal of the gateway's
 * context, so no principal is signed, nothing is printed, sent, parsed or serialised as JSON.
 * Subscriptions (the events subgraph's, per subscriber) and a subgraph that is not serving go over
 * the HTTP transport of the same entry, with the signed principal (`sign`), exactly as a
 * subgraph in another process is reached.
 */
export function localTransport(subgraphs: Record<string, LocalSubgraph>, sign: (request: SubgraphRequest) => void): Transport {
  return {
    getSubgraphExecutor({ subgraphName, transportEntry, getTransportExecutor }) {
      const local = subgraphs[subgraphName];
      if (!local) throw new Error(`no co-located subgraph named ${subgraphName}`);
      let http: Promise<Executor> | undefined;
      const overHttp = async (request: SubgraphRequest) => {
        sign(request);
        const executor = await (http ??= Promise.resolve(getTransportExecutor({ ...transportEntry, kind: 'http' }) as Executor));
        return executor(request);
      };
      const executor: Executor = (request): Promise<ExecutionResult | unknown> => {
        const context = request.context as Pick<GraphContext, 'principal' | 'primed'> | undefined;
        const principal = context?.principal;
        const type = request.operationType ?? getOperationAST(request.document, request.operationName)?.operation;
        if (type === 'subscription' || !principal || !local.serving()) return overHttp(request);
        return local.execute({ document: request.document, variables: request.variables, operationName: request.operationName, principal, prime: context.primed?.[subgraphName] });
      };
      return executor;
    },
  };
}
