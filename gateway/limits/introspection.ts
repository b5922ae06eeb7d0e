import { getNamedType, isIntrospectionType, type ASTVisitor, type ValidationContext } from 'graphql';
import { limitRefusal } from './refusal.ts';

/**
 * INTROSPECTION=off: no document may ask for the schema (`__schema`, `__type`, or any field of
 * their types), for any caller; `__typename` stays, clients need it. With it on (the default),
 * introspection is served like any query: to authenticated callers only. One of the document
 * limits (document.ts).
 */
export function noIntrospectionRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      const type = context.getType();
      if (type && isIntrospectionType(getNamedType(type))) {
        context.reportError(limitRefusal('INTROSPECTION_DISABLED', `Introspection is disabled on this graph (INTROSPECTION=off); the query asks for ${node.name.value}.`));
        return false;
      }
      return undefined;
    },
  };
}
