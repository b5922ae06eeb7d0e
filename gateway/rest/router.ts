import type http from 'node:http';
import { Kind, getNamedType, getOperationAST, parse, print, type FieldNode } from 'graphql';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Principal } from '../../platform/auth/tokens.ts';
import { badRequest, isPlatformError, notFound, PlatformError } from '../../platform/errors.ts';
import type { GraphContext } from '../graph.ts';
import { parseBody } from './body.ts';
import { decodePathSegment } from './params.ts';
import { AppliedWithoutAnswer, executeDocument } from './execute.ts';
import type { Route } from './route.ts';
import { noteRoute } from '../access-log.ts';
import { organizationRoutes } from './organizations.ts';
import { workspaceRoutes } from './workspaces.ts';
import { serviceLineRoutes } from './service-lines.ts';
import { taskRoutes } from './tasks.ts';
import { integrationRoutes } from './integrations.ts';
import { managedServiceRoutes } from './managed-services.ts';
import { eventRoutes } from './events.ts';
import { apiKeyRoutes } from './api-keys.ts';
import { observabilityRoutes } from './observability.ts';
import { webhookRoutes } from './webhooks.ts';
import { auditLogRoutes } from './audit-logs.ts';

export const REST_ROUTES: Route[] = [
  ...organizationRoutes,
  ...workspaceRoutes,
  ...serviceLineRoutes,
  ...taskRoutes,
  ...integrationRoutes,
  ...managedServiceRoutes,
  ...eventRoutes,
  ...apiKeyRoutes,
  ...observabilityRoutes,
  ...webhookRoutes,
  ...auditLogRoutes,
];

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
  /** GraphQL variable or input field → the REST name a client knows it by, for error messages. */
  restNames: Map<string, string>;
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const restNames = new Map<string, string>();
  for (const [name, spec] of [...Object.entries(route.query ?? {}), ...Object.entries(route.body ?? {})]) {
    if (spec.variable !== name) restNames.set(spec.variable, name);
  }
  return { route, pattern: new RegExp(`^${source}/?$`), names, restNames };
}

export type RestAnswer = { status: number; body: unknown };

/** A request matched to its route, with the variables its path and query give. */
export interface MatchedRequest {
  route: Route;
  variables: Record<string, unknown>;
  restNames: Map<string, string>;
}

/** Finds the route for a method and URL and parses path and query; 404 when there is none, 405 never (unknown pairs are 404). */
export function createRouteMatcher(routes: Route[] = REST_ROUTES) {
  const compiled = routes.map(compile);
  return function matchRoute(method: string, url: URL): MatchedRequest {
    for (const { route, pattern, names, restNames } of compiled) {
      const match = pattern.exec(url.pathname);
      if (!match || method !== route.method) continue;
      const variables: Record<string, unknown> = {};
      names.forEach((name, i) => (variables[name] = decodePathSegment(match[i + 1], name)));
      Object.assign(variables, queryVariables(route, url.searchParams));
      return { route, variables, restNames };
    }
    throw notFound(`No route for ${method} ${url.pathname}.`);
  };
}

/**
 * Serves /v1 for an authenticated, rate-limited caller (server.ts does both, as for /graphql):
 * finds the route, turns path, query and body into the stored document's variables, runs it
 * through the graph and maps the result. Throws PlatformErrors for the caller's mistakes, named
 * as the REST client knows the parameter or field; server.ts answers them.
 */
export function createRestRouter(runtime: GatewayRuntime<GraphContext>, routes: Route[] = REST_ROUTES) {
  const matchRoute = createRouteMatcher(routes);

  /** `beforeExecute` runs once the request is known to be valid, just before the graph runs it (idempotency.ts claims its key there). */
  return async function serveRest(req: http.IncomingMessage, principal: Principal, rawBody = '', beforeExecute?: () => Promise<void>): Promise<RestAnswer> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const { route, variables, restNames } = matchRoute(req.method ?? 'GET', url);
    noteRoute(route.path);
    if (route.body) variables.input = parseBody(rawBody, route.body);
    else if (rawBody.trim() !== '' && route.method !== 'GET') throw badRequest(`${route.method} ${route.path} takes no request body.`);
    await beforeExecute?.();
    try {
      const data = await executeDocument(runtime, principal, route.document, variables);
      return { status: route.status ?? 200, body: route.map(data) };
    } catch (error) {
      if (error instanceof AppliedWithoutAnswer && error.id) {
        const id = error.id;
        error.reread = async () => {
          const read = await readBack(runtime, route.document, error.mutationField);
          const data = await executeDocument(runtime, principal, read, { id });
          return { status: route.status ?? 200, body: route.map(data) };
        };
      }
      throw withRestNames(error, restNames);
    }
  };
}

/**
 * The query that reads back what a write's mutation answers, by the written object's ID:
 * `createTask(input: $input) { id title ... }` becomes `createTask: node(id: $id) { ... on Task { id title ... } }`,
 * so the route maps it exactly as it would have mapped the mutation's answer.
 */
async function readBack(runtime: GatewayRuntime<GraphContext>, document: string, responseKey: string): Promise<string> {
  const parsed = parse(document);
  const operation = getOperationAST(parsed);
  const field = operation?.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === responseKey);
  const mutationType = (await runtime.getSchema()).getMutationType();
  const type = field && mutationType?.getFields()[field.name.value]?.type;
  if (!field?.selectionSet || !type) throw new Error(`no mutation field ${responseKey} to read back`);
  const fragments = parsed.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => print(d)).join('\n');
  return `query($id: ID!) { ${responseKey}: node(id: $id) { ... on ${getNamedType(type).name} ${print(field.selectionSet)} } }\n${fragments}`;
}

/**
 * The graph names its arguments in camelCase (`serviceLineId: ...`); a REST client knows
 * `service_line_id`: an error of the graph, in the names of the route that ran it.
 */
export function withRestNames(error: unknown, restNames: Map<string, string>): unknown {
  if (!isPlatformError(error) || restNames.size === 0) return error;
  let message = error.message;
  for (const [variable, name] of restNames) message = message.replace(new RegExp(`\\b${variable}\\b`, 'g'), name);
  const field = error.field && (restNames.get(error.field) ?? error.field);
  return message === error.message && field === error.field ? error : new PlatformError(error.code, message, field);
}

function queryVariables(route: Route, search: URLSearchParams): Record<string, unknown> {
  const spec = route.query ?? {};
  for (const name of new Set(search.keys())) {
    if (!Object.hasOwn(spec, name)) {
      const known = Object.keys(spec);
      throw badRequest(`Unknown query parameter ${name}; this route takes ${known.length ? known.join(', ') : 'none'}.`, name);
    }
    // One value per parameter: lists are comma-separated (status=active,paused), never repeated.
    if (search.getAll(name).length > 1) throw badRequest(`${name} is given more than once; separate values with commas.`, name);
  }
  const variables: Record<string, unknown> = {};
  for (const [name, param] of Object.entries(spec)) {
    const value = param.parse(search.get(name) ?? undefined, name);
    if (value !== undefined) variables[param.variable] = value;
  }
  return variables;
}
