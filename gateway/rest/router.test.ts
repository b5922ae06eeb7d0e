import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { it, expect, describe, afterAll, beforeAll } from 'vitest';
import type { Principal } from '../../platform/auth/tokens.ts';
import { createGatewayHandler, type GatewayServerOptions } from '../server.ts';
import { loadLimitsConfig } from '../limits/index.ts';

/**
 * The REST handler in front of a fake graph: which variables and context a stored document runs
 * with, and how the graph's errors become REST errors (a 500 never tells what broke).
 */
describe('REST router', () => {
  const principal: Principal = { organizationId: 'ORG-26-090500', workspaceId: null, role: 'admin', actorId: 'USR-26-000044', actorType: 'user' };
  const calls: { body: any; context: any }[] = [];
  let answer: () => Promise<Response> = async () => Response.json({});
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    const runtime = {
      async fetch(_url: string, init: RequestInit, context: unknown) {
        calls.push({ body: JSON.parse(String(init.body)), context });
        return answer();
      },
    };
    const options = {
      graph: { runtime, stats: { subgraphFetches: 0 }, limits: loadLimitsConfig({}) },
      authenticator: { authenticate: async () => ({ principal, expiresAt: null }) },
      rateLimit: { take: async () => undefined, admitClient: async () => undefined, authenticationFailed: async () => {}, clientAddress: () => '203.0.113.9', close: async () => {} },
      database: {},
      sessions: {},
      cors: { origins: [], credentials: false, maxAgeSeconds: 600 },
    } as unknown as GatewayServerOptions;
    server = http.createServer(createGatewayHandler(options));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = async (path: string) => {
    const res = await fetch(`${url}${path}`, { headers: { authorization: 'Bearer anything', 'user-agent': 'router-test' } });
    return { status: res.status, body: await res.json() };
  };

  it('runs the stored document with path and query as variables and the principal as context', async () => {
    answer = async () => Response.json({ data: { serviceLines: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } } });
    const { status, body } = await get('/v1/service-lines?workspace_id=WS-26-000021&status=active,paused');
    expect(status).toBe(200);
    expect(body).toEqual({ data: [], meta: { cursor: null, has_more: false } });
    const call = calls.at(-1)!;
    // The principal travels with where its request came from (gateway/origin.ts), for the audit trail.
    expect(call.context).toEqual({ principal: { ...principal, origin: { clientAddress: '203.0.113.9', userAgent: 'router-test', keyPrefix: null, channel: 'rest' } }, ownDocument: true });
    expect(call.body.variables).toEqual({ workspaceId: 'WS-26-000021', status: ['ACTIVE', 'PAUSED'], first: 25 });
    expect(call.body.query).toContain('query RestServiceLines');
  });

  it("carries the graph's error codes over as REST codes and statuses", async () => {
    answer = async () => Response.json({ data: { serviceLine: null }, errors: [{ message: 'Admins only.', extensions: { code: 'FORBIDDEN' } }] });
    expect(await get('/v1/service-lines/LIN-26-084729')).toEqual({ status: 403, body: { error: { code: 'forbidden', message: 'Admins only.', status: 403 } } });
  });

  it('answers 500 server_error without internals for an unexplained error or a failing graph', async () => {
    const internal = { error: { code: 'server_error', message: 'Internal error.', status: 500 } };
    answer = async () => Response.json({ errors: [{ message: 'connect ECONNREFUSED 127.0.0.1:4002 (service-lines)', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } }] });
    expect(await get('/v1/service-lines/LIN-26-084729')).toEqual({ status: 500, body: internal });
    answer = async () => {
      throw new Error('planner crashed');
    };
    expect(await get('/v1/organizations/ORG-26-090500')).toEqual({ status: 500, body: internal });
  });
});
