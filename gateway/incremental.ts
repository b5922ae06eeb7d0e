import { GraphQLError, visit, type DirectiveNode, type DocumentNode } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * @defer and @stream are refused with a clear error, before validation (which would call them
 * unknown directives) and before any subgraph is asked. The gateway plans with Hive Router's Rust
 * query planner (@graphql-hive/router-runtime), which plans a deferred fragment inline with the
 * rest of its operation (no Defer node) and whose executor delivers one result; Hive Gateway's
 * `deferStream` option, turned on over it, accepts the directives and still answers everything in
 * one part, when the slowest subgraph has answered. A client asking to defer its slow panel would
 * be told yes and wait all the same; it is told no instead, and how to get the same effect
 * (README, "Incremental delivery").
 */
export const INCREMENTAL_DIRECTIVES = ['defer', 'stream'] as const;
export const INCREMENTAL_REASON = 'INCREMENTAL_DELIVERY_UNSUPPORTED';

/** Found once per document: the runtime's parser cache hands every request of a query the same one. */
const incrementalDirectivesFound = new WeakMap<DocumentNode, DirectiveNode[]>();

export function incrementalDirectivesOf(document: DocumentNode): DirectiveNode[] {
  let found = incrementalDirectivesFound.get(document);
  if (found) return found;
  found = [];
  const directives = found;
  visit(document, {
    Directive(node) {
      if ((INCREMENTAL_DIRECTIVES as readonly string[]).includes(node.name.value)) directives.push(node);
    },
  });
  incrementalDirectivesFound.set(document, found);
  return found;
}

export function incrementalRefusal(directives: DirectiveNode[]): GraphQLError {
  const names = [...new Set(directives.map((d) => `@${d.name.value}`))].join(' and ');
  return new GraphQLError(
    `${names} ${names.includes(' and ') ? 'are' : 'is'} not supported by this gateway: its query planner delivers every ` +
      'answer in one part. Leave the directive out, or send the slow part as a query of its own.',
    { nodes: directives, extensions: { code: 'BAD_USER_INPUT', reason: INCREMENTAL_REASON, http: { status: 400 } } },
  );
}

/** Over HTTP (any Accept), GET, SSE and graphql-ws alike: every transport validates through this hook. */
export function useIncrementalDeliveryRefusal(): GatewayPlugin {
  return {
    onValidate({ params, setResult }) {
      const directives = incrementalDirectivesOf(params.documentAST);
      if (directives.length > 0) setResult([incrementalRefusal(directives)]);
    },
  };
}
