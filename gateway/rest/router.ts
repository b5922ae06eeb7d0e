import type http from 'node:http';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Principal } from '../../subgraphs/kit/auth/tokens.ts';
import { badRequest, notFound } from '../../subgraphs/kit/errors.ts';
import type { GraphContext } from '../graph.ts';
import { executeDocument } from './execute.ts';
import type { Route } from './route.ts';
import { organizationRoutes } from './organizations.ts';
import { workspaceRoutes } from './workspaces.ts';
import { serviceLineRoutes } from './service-lines.ts';

export const REST_ROUTES: Route[] = [...organizationRoutes, ...workspaceRoutes, ...serviceLineRoutes];

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

export type RestAnswer = { status: number; body: unknown };

/**
 * Serves /v1 for an authenticated, rate-limited caller (server.ts does both, as for /graphql):
 * finds the route, turns path and query into the stored document's variables, runs it through the
 * graph and maps the result. Throws PlatformErrors for the caller's mistakes; server.ts answers them.
 */
export function createRestRouter(runtime: GatewayRuntime<GraphContext>, routes: Route[] = REST_ROUTES) {
  const compiled = routes.map(compile);

  return async function serveRest(req: http.IncomingMessage, principal: Principal): Promise<RestAnswer> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    for (const { route, pattern, names } of compiled) {
      const match = pattern.exec(url.pathname);
      if (!match || req.method !== route.method) continue;
      const variables: Record<string, unknown> = {};
      names.forEach((name, i) => (variables[name] = decodePathSegment(match[i + 1], name)));
      Object.assign(variables, queryVariables(route, url.searchParams));
      const data = await executeDocument(runtime, principal, route.document, variables);
      return { status: 200, body: route.map(data) };
    }
    throw notFound(`No route for ${req.method} ${url.pathname}.`);
  };
}

function decodePathSegment(segment: string, name: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`${name} is not a valid path segment.`, name);
  }
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
