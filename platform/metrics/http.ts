import type http from 'node:http';
import { httpRequestDuration, httpRequests, methodLabel } from './instruments.ts';

/**
 * Counts and times every request `handler` answers, labelled by `service` (gateway, or a
 * subgraph's name), the route template `routeOf` gives for its method and path (`/v1/tasks/{id}`,
 * never the ID; an unknown path is `unmatched`), method and status. A response that streams (SSE,
 * NDJSON) is measured to its end.
 */
export function instrumentHttp(service: string, routeOf: (method: string, path: string) => string, handler: http.RequestListener): http.RequestListener {
  return (req, res) => {
    const start = process.hrtime.bigint();
    const method = methodLabel(req.method);
    res.once('close', () => {
      const route = routeOf(req.method ?? 'GET', (req.url ?? '/').split('?')[0]);
      // A response cut before its headers went out (the client left) counts as status 0.
      const status = res.headersSent ? String(res.statusCode) : '0';
      httpRequests.inc({ service, route, method, status });
      httpRequestDuration.observe({ service, route, method }, Number(process.hrtime.bigint() - start) / 1e9);
    });
    return handler(req, res);
  };
}

/** `handler` counted and timed by instrumentHttp, or as it is when metrics are off (METRICS=off). */
export function measured(enabled: boolean, service: string, routeOf: (method: string, path: string) => string, handler: http.RequestListener): http.RequestListener {
  return enabled ? instrumentHttp(service, routeOf, handler) : handler;
}

/** Route templates from a list of paths with `{name}` segments; anything else is `unmatched`. */
export function routeTemplates(templates: readonly string[], fixed: readonly string[] = []): (method: string, path: string) => string {
  const exact = new Set(fixed);
  const patterns = [...new Set(templates)].map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}/?$`),
  }));
  return (_method, path) => {
    if (exact.has(path)) return path;
    for (const { template, pattern } of patterns) if (pattern.test(path)) return template;
    return 'unmatched';
  };
}
