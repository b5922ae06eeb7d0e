import type { DocumentNode, GraphQLError, ParseOptions, ValidationContext, ValidationRule } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { LimitsConfig } from './config.ts';
import { limitRefusal, type LimitReason } from './refusal.ts';
import { checkBracketNesting } from './nesting.ts';
import { maxFieldsRule } from './fields.ts';
import { noIntrospectionRule } from './introspection.ts';

/**
 * Limits on the shape of a document, checked before anything runs: bracket nesting before parsing,
 * tokens while parsing (so an enormous document is dropped before it becomes an AST); depth,
 * aliases, directives and executed fields (and introspection, when it is off) while validating,
 * each counting what fragment spreads expand to. GraphQL Armor counts depth, aliases, directives
 * and tokens; we only recode its refusals. One definition serves /graphql (the plugins below) and
 * every document judged outside a request to it (an export's query, gateway/exports/source.ts),
 * so the same document meets the same limits and the same refusals wherever it is sent.
 */
export interface DocumentLimits {
  /** Parses `source` under the bracket-nesting and token limits; a refusal is thrown as the GraphQLError /graphql answers. */
  parse(source: string, options?: ParseOptions): DocumentNode;
  /** The validation rules of the limits, to run beside GraphQL's own. */
  rules: ValidationRule[];
}

export function documentLimits(limits: LimitsConfig): DocumentLimits {
  const parseWithTokenLimit = (source: string, options?: ParseOptions) =>
    new MaxTokensParserWLexer(source, { ...options, n: limits.maxTokens, ...refuseAs('MAX_TOKENS', limits.maxTokens) }).parseDocument();
  return {
    parse(source, options) {
      checkBracketNesting(source, limits.maxDepth);
      return parseWithTokenLimit(source, options);
    },
    rules: [
      // Depth counts fields where fragments put them: a spread is no level of its own (Armor would
      // count each as two otherwise, refusing a frontend's nested fragments long before their fields).
      maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...refuseAs('MAX_DEPTH', limits.maxDepth) }),
      maxAliasesRule({ n: limits.maxAliases, ...refuseAs('MAX_ALIASES', limits.maxAliases) }),
      maxDirectivesRule({ n: limits.maxDirectives, ...refuseAs('MAX_DIRECTIVES', limits.maxDirectives) }),
      maxFieldsRule(limits.maxFields),
      ...(limits.introspection ? [] : [noIntrospectionRule]),
    ] as ValidationRule[],
  };
}

/** The same limits as plugins of the gateway runtime, for /graphql (and REST, which runs through it). */
export function documentLimitPlugins(limits: LimitsConfig): GatewayPlugin[] {
  const { parse, rules } = documentLimits(limits);
  return [
    { onParse: ({ setParseFn }) => setParseFn((source, options) => parse(typeof source === 'string' ? source : source.body, options)) },
    { onValidate: ({ addValidationRule }) => rules.forEach((rule) => addValidationRule(rule)) },
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
