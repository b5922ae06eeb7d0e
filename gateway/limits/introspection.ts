import { getNamedType, isIntrospectionType, type ASTVisitor, type ValidationContext } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { limitRefusal } from './refusal.ts';

/**
 * INTROSPECTION=off: no document may ask for the schema (`__schema`, `__type`, or any field of
 * their types), for any caller; `__typename` stays, clients need it. With it on (the default),
 * introspection is served like any query: to authenticated callers only.
 */
export function useNoIntrospection(): GatewayPlugin {
  const rule = (context: ValidationContext): ASTVisitor => ({
    Field(node) {
      const type = context.getType();
      if (type && isIntrospectionType(getNamedType(type))) {
        context.reportError(limitRefusal('INTROSPECTION_DISABLED', `Introspection is disabled on this graph (INTROSPECTION=off); the query asks for ${node.name.value}.`));
        return false;
      }
      return undefined;
    },
  });
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}
