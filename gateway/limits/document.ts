import type { GraphQLError, ValidationContext } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import type { LimitsConfig } from './config.ts';
import { limitRefusal, type LimitReason } from './refusal.ts';
import { useBracketNesting } from './nesting.ts';
import { maxFieldsRule } from './fields.ts';

/**
 * Limits on the shape of a document, checked before anything runs: bracket nesting before parsing,
 * tokens while parsing (so an enormous document is dropped before it becomes an AST); depth,
 * aliases, directives and executed fields while validating, each counting what fragment spreads
 * expand to. GraphQL Armor counts depth, aliases, directives and tokens; we only recode its refusals.
 */
export function documentLimitPlugins(limits: LimitsConfig): GatewayPlugin[] {
  return [
    useBracketNesting(limits.maxDepth),
    maxTokensPlugin({ n: limits.maxTokens, ...refuseAs('MAX_TOKENS', limits.maxTokens) }),
    // Depth counts fields where fragments put them: a spread is no level of its own (Armor would
    // count each as two otherwise, refusing a frontend's nested fragments long before their fields).
    maxDepthPlugin({ n: limits.maxDepth, flattenFragments: true, ...refuseAs('MAX_DEPTH', limits.maxDepth) }),
    maxAliasesPlugin({ n: limits.maxAliases, ...refuseAs('MAX_ALIASES', limits.maxAliases) }),
    maxDirectivesPlugin({ n: limits.maxDirectives, ...refuseAs('MAX_DIRECTIVES', limits.maxDirectives) }),
    { onValidate: ({ addValidationRule }) => addValidationRule(maxFieldsRule(limits.maxFields)) } satisfies GatewayPlugin,
  ] as GatewayPlugin[];
}

/**
 * Armor's own error is a code-less "Syntax Error: ..." that would read as a parse failure. Inside
 * validation we report our refusal instead and let validation fail as usual; the token limit fires
 * inside the lexer, where no validation context exists, so there the refusal is thrown and the
 * parse fails with it.
 */
function refuseAs(reason: LimitReason, limit: number) {
  const refuse = (context: ValidationContext | null, error: GraphQLError) => {
    const message = error.message.replace(/^Syntax Error: /, '');
    const refusal = limitRefusal(reason, message, { limit });
    if (!context) throw refusal;
    context.reportError(refusal);
  };
  return { exposeLimits: true, propagateOnRejection: false, onReject: [refuse] };
}
