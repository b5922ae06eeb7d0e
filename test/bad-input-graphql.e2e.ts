import { it, expect } from 'vitest';
import WebSocket from 'ws';
import { describeEngines } from './testkit/describe-engines.ts';
import { badInputSystem, nestedJson } from './testkit/bad-input.ts';
import { DEMO } from '../seed/demo.ts';

/** Each mutation that takes free text, its variables, and the text fields to break (input fields unless noted). */
const MUTATIONS: Array<{ document: string; variables: Record<string, any>; fields: string[] }> = [
  { document: 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', variables: { input: { serviceLineId: DEMO.serviceLineId, title: 'Probe', description: 'd' } }, fields: ['title', 'description'] },
  { document: 'mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id } }', variables: { id: DEMO.taskId, input: { title: 'Probe', description: 'd' } }, fields: ['title', 'description'] },
  { document: 'mutation($input: ConnectIntegrationInput!) { connectIntegration(input: $input) { id } }', variables: { input: { workspaceId: DEMO.workspaceId, type: 'LINEAR', name: 'Probe' } }, fields: ['name'] },
  { document: 'mutation($id: ID!, $input: UpdateIntegrationInput!) { updateIntegration(id: $id, input: $input) { id } }', variables: { id: DEMO.jiraIntegrationId, input: { name: 'Probe' } }, fields: ['name'] },
  {
    document: 'mutation($input: RequestPodInput!) { requestPod(input: $input) { id } }',
    variables: { input: { workspaceId: DEMO.workspaceId, name: 'Probe', deliveryModel: 'MANAGED_DELIVERY', requestedTeamSize: 2, description: 'd' } },
    fields: ['name', 'description'],
  },
  { document: 'mutation($input: ServiceRequestInput!) { submitServiceRequest(input: $input) { id } }', variables: { input: { podId: DEMO.podId, type: 'SUPPORT_REQUEST', title: 'Probe', description: 'd' } }, fields: ['title', 'description'] },
  { document: 'mutation($input: RaiseIncidentInput!) { raiseIncident(input: $input) { id } }', variables: { input: { podId: DEMO.podId, title: 'Probe', description: 'd' } }, fields: ['title', 'description'] },
  { document: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }', variables: { input: { name: 'Probe' } }, fields: ['name'] },
];

/** Bad input over /graphql (issue 11): the documented codes, never INTERNAL_SERVER_ERROR, and nothing written. */
describeEngines('GraphQL bad input', (ctx) => {
  const system = badInputSystem(ctx);
  const { snapshot } = system;

  /** The one error of a refused operation, after checking that it wrote nothing. */
  async function refused(query: string, variables?: Record<string, unknown>) {
    const before = await snapshot();
    const res = await system.sys.graphql(query, variables);
    expect(res.errors, JSON.stringify(res.data)).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
    return { status: res.status, ...res.errors![0], code: res.errors![0].extensions?.code };
  }

  /** POSTs a body given as raw text (deep variables cannot go through JSON.stringify). */
  async function postRaw(body: string) {
    const res = await fetch(`${system.sys.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${system.token}`, 'content-type': 'application/json' }, body });
    return { status: res.status, body: await res.json() };
  }

  it('updates a task\'s description alone (an empty history insert answered INTERNAL_SERVER_ERROR)', async () => {
    const res = await system.sys.graphql(`mutation { updateTask(id: "${DEMO.taskId}", input: { description: "hello" }) { description history { change } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.updateTask.description).toBe('hello');
  });

  it('refuses a NUL character in every text field of every mutation, UNPROCESSABLE naming the field', async () => {
    for (const { document, variables, fields } of MUTATIONS) {
      for (const field of fields) {
        const error = await refused(document, { ...variables, input: { ...variables.input, [field]: `a\u0000b` } });
        expect({ code: error.code, argument: error.extensions?.argument, message: error.message }, document).toEqual({
          code: 'UNPROCESSABLE', argument: field, message: `${field} must not contain a NUL character (\\u0000).`,
        });
      }
    }
    const capability = await refused(MUTATIONS[4].document, { input: { ...MUTATIONS[4].variables.input, requiredCapabilities: ['qa\u0000'] } });
    expect([capability.code, capability.extensions?.argument]).toEqual(['UNPROCESSABLE', 'requiredCapabilities']);
    // As a literal (the escape \\u0000 in the document) and in a JSON value's key.
    const literal = await refused(`mutation { createTask(input: { serviceLineId: "${DEMO.serviceLineId}", title: "a\\u0000b" }) { id } }`);
    expect([literal.code, literal.extensions?.argument]).toEqual(['UNPROCESSABLE', 'title']);
    const config = await refused(MUTATIONS[2].document, { input: { ...MUTATIONS[2].variables.input, config: { ['k\u0000']: 1 } } });
    expect([config.code, config.extensions?.argument]).toEqual(['UNPROCESSABLE', 'config']);
    const resolution = await refused('mutation($r: String) { resolveIncident(id: "INC-26-000091", resolution: $r) { id } }', { r: 'fixed\u0000' });
    expect([resolution.code, resolution.extensions?.argument]).toEqual(['UNPROCESSABLE', 'resolution']);
  });

  it('holds free text to its maximum length', async () => {
    const cases: Array<[number, string, number]> = [[0, 'title', 500], [0, 'description', 20_000], [2, 'name', 200], [6, 'title', 500], [7, 'name', 200]];
    for (const [index, field, max] of cases) {
      const { document, variables } = MUTATIONS[index];
      const error = await refused(document, { ...variables, input: { ...variables.input, [field]: 'x'.repeat(max + 1) } });
      expect([error.code, error.extensions?.argument, error.message]).toEqual(['UNPROCESSABLE', field, `${field} must be at most ${max} characters, got ${max + 1}.`]);
    }
    const resolution = await refused('mutation($r: String) { resolveIncident(id: "INC-26-000091", resolution: $r) { id } }', { r: 'r'.repeat(2_001) });
    expect([resolution.code, resolution.extensions?.argument]).toEqual(['UNPROCESSABLE', 'resolution']);
  });

  it('refuses impossible dates and years outside 1900-2999 as BAD_USER_INPUT, never INTERNAL_SERVER_ERROR', async () => {
    const line = (args: string) => `{ serviceLine(id: "${DEMO.serviceLineId}") { ${args} } }`;
    const documents = [
      line('usage(from: "2026-13-01", to: "2026-04-30") { totalCost }'),
      line('usage(from: "0000-01-01", to: "2026-04-30") { totalCost }'),
      line('usage(from: "2026-04-01", to: "9999-12-31") { totalCost }'),
      line('usageSeries(period: MONTH, from: "2026-02-30", to: "2026-04-30") { periodStart }'),
      `{ taskStats(serviceLineId: "${DEMO.serviceLineId}") { velocity(period: WEEK, from: "0000-01-01", to: "2026-04-30") { periodStart } } }`,
      '{ events(from: "0000-01-01T00:00:00Z", first: 1) { nodes { id } } }',
      '{ events(to: "9999-12-31T00:00:00Z", first: 1) { nodes { id } } }',
      '{ events(from: "2026-02-31T10:00:00Z", first: 1) { nodes { id } } }',
      '{ eventCounts(period: DAY, from: "2026-04-01T00:00:00Z", to: "2026-04-14T24:00:00Z") { type } }',
      `{ pod(id: "${DEMO.podId}") { slaHistory(from: "0000-01", to: "2026-13") { period } } }`,
    ];
    for (const document of documents) {
      const error = await refused(document);
      expect(error.code, `${document}: ${error.message}`).toBe('BAD_USER_INPUT');
    }
    const expires = await refused('mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }', { input: { name: 'k', expiresAt: '2027-02-29T00:00:00Z' } });
    expect(expires.code).toBe('BAD_USER_INPUT');
  });

  it('refuses variables and extensions nested past 32 levels with 400, over POST, GET and graphql-ws', async () => {
    const tooDeep = { errors: [{ message: 'Variable "$v" is nested deeper than 32 levels.', extensions: { code: 'BAD_USER_INPUT', reason: 'MAX_JSON_DEPTH' } }] };
    const connect = 'mutation($v: JSON) { connectIntegration(input: { workspaceId: "WS-26-000021", type: LINEAR, name: "Deep", config: { a: $v } }) { id } }';
    const before = await snapshot();
    expect(await postRaw(`{"query":${JSON.stringify(connect)},"variables":{"v":${nestedJson(20_000)}}}`)).toEqual({ status: 400, body: tooDeep });
    expect(await postRaw(`{"query":${JSON.stringify(connect)},"variables":{"v":${nestedJson(33)}}}`)).toEqual({ status: 400, body: tooDeep });
    const deepInput = `{"query":"mutation($input: ConnectIntegrationInput!) { connectIntegration(input: $input) { id } }","variables":{"input":{"workspaceId":"WS-26-000021","type":"LINEAR","name":"Deep","config":{"a":${nestedJson(20_000)}}}}}`;
    expect((await postRaw(deepInput)).body.errors[0].message).toBe('Variable "$input" is nested deeper than 32 levels.');
    const extensions = await postRaw(`{"query":"{ __typename }","extensions":{"x":${nestedJson(20_000)}}}`);
    expect(extensions).toEqual({ status: 400, body: { errors: [{ message: "The request's extensions is nested deeper than 32 levels.", extensions: { code: 'BAD_USER_INPUT', reason: 'MAX_JSON_DEPTH' } }] } });
    const get = await fetch(`${system.sys.url}/graphql?query=${encodeURIComponent('query($v: JSON) { __typename }')}&variables=${encodeURIComponent(`{"v":${nestedJson(1_000)}}`)}`, { headers: { authorization: `Bearer ${system.token}` } });
    expect({ status: get.status, body: await get.json() }).toEqual({ status: 400, body: tooDeep });
    expect(await snapshot()).toEqual(before);
    // 32 levels pass the gateway; the JSON field rule (config at most 32 levels) then holds.
    const atLimit = await postRaw(`{"query":${JSON.stringify(connect)},"variables":{"v":${nestedJson(32)}}}`);
    expect(atLimit.body.errors[0]).toMatchObject({ message: 'config is nested deeper than 32 levels.', extensions: { code: 'UNPROCESSABLE', argument: 'config' } });
    const fits = await postRaw(`{"query":${JSON.stringify(connect)},"variables":{"v":${nestedJson(31)}}}`);
    expect(fits.body.errors).toBeUndefined();
  });

  it('refuses deep variables of a subscription over graphql-ws the same way', async () => {
    const socket = new WebSocket(system.sys.url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
    const messages: any[] = [];
    const next = () => new Promise<any>((resolve, reject) => {
      if (messages.length) return resolve(messages.shift());
      socket.once('message', () => resolve(messages.shift()));
      socket.once('close', (code, reason) => reject(new Error(`closed ${code} ${reason}`)));
    });
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    try {
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${system.token}` } }));
      expect((await next()).type).toBe('connection_ack');
      socket.send(`{"id":"1","type":"subscribe","payload":{"query":"subscription($t: [String!]) { activity(types: $t) { cursor } }","variables":{"t":${nestedJson(20_000)}}}}`);
      const answer = await next();
      const errors = answer.type === 'error' ? answer.payload : answer.payload.errors;
      expect(errors).toEqual([{ message: 'Variable "$t" is nested deeper than 32 levels.', extensions: { code: 'BAD_USER_INPUT', reason: 'MAX_JSON_DEPTH' } }]);
    } finally {
      socket.close();
    }
  });

  it('answers 400 to GET /graphql with malformed variables or extensions', async () => {
    const get = async (search: string) => {
      const res = await fetch(`${system.sys.url}/graphql?query=${encodeURIComponent('{ __typename }')}&${search}`, { headers: { authorization: `Bearer ${system.token}`, accept: 'application/json' } });
      return { status: res.status, body: await res.json() };
    };
    const bad = (message: string) => ({ status: 400, body: { errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] } });
    expect(await get('variables=%7B')).toEqual(bad('The variables parameter is not valid JSON.'));
    expect(await get('extensions=%7B')).toEqual(bad('The extensions parameter is not valid JSON.'));
    expect(await get('variables=%5B1%5D')).toEqual(bad('The variables parameter must be a JSON object.'));
    expect(await get('variables=%7B%7D')).toEqual({ status: 200, body: { data: { __typename: 'Query' }, extensions: expect.any(Object) } });
  });

  it('answers a request it cannot read in GraphQL\'s shape, BAD_USER_INPUT with the reason, never an empty body or a code of its own', async () => {
    const send = async (method: string, body: string | undefined, headers: Record<string, string>, search = '') => {
      const res = await fetch(`${system.sys.url}/graphql${search}`, { method, headers: { authorization: `Bearer ${system.token}`, ...headers }, body: body === undefined ? undefined : new TextEncoder().encode(body) });
      return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
    };
    const json = { 'content-type': 'application/json', accept: 'application/json' };
    const refusal = (status: number, message: string, reason: string) => ({
      status, type: 'application/json; charset=utf-8', body: { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', reason } }] },
    });
    expect(await send('POST', '{}', json)).toEqual(refusal(200, 'Must provide query string.', 'BAD_REQUEST'));
    expect(await send('GET', undefined, { accept: 'application/json' }, '?query=')).toEqual(refusal(200, 'Must provide query string.', 'BAD_REQUEST'));
    expect(await send('POST', '[]', json)).toEqual(refusal(400, 'Batching is not supported.', 'BAD_REQUEST'));
    expect(await send('POST', '{"query":"{ __typename }","variables":"x"}', json)).toEqual(refusal(400, 'Expected "variables" param to be empty or an object, but given string.', 'BAD_REQUEST'));
    expect(await send('POST', '{"query":"{ __typename }","operationName":1}', json)).toEqual(refusal(400, 'Could not determine what operation to execute.', 'OPERATION_RESOLUTION_FAILURE'));
    expect(await send('PUT', '{"query":"{ __typename }"}', json)).toEqual(refusal(405, 'GraphQL only supports GET and POST requests.', 'BAD_REQUEST'));
    const mutation = `?query=${encodeURIComponent(`mutation { revokeApiKey(id: "${DEMO.organizationId}") { id } }`)}`;
    expect(await send('GET', undefined, { accept: 'application/json' }, mutation)).toEqual(refusal(405, 'Can only perform a mutation operation from a POST request.', 'BAD_REQUEST'));
    const cut = await send('POST', '{"query":', json);
    expect([cut.status, cut.body.errors[0].message, cut.body.errors[0].extensions.code, cut.body.errors[0].extensions.reason]).toEqual([400, 'POST body sent invalid JSON.', 'BAD_USER_INPUT', 'BAD_REQUEST']);
    expect(await send('POST', '{"query":"{ __typename }"}', { 'content-type': 'text/plain', accept: 'application/json' }))
      .toEqual(refusal(415, 'Send the request as application/json (or as a GET with the query in the URL).', 'UNSUPPORTED_MEDIA_TYPE'));
    expect(await send('GET', undefined, { accept: 'application/xml' }, `?query=${encodeURIComponent('{ __typename }')}`))
      .toEqual(refusal(406, 'This graph answers in application/json, application/graphql-response+json or text/event-stream; accept one of them.', 'NOT_ACCEPTABLE'));
  });

  it('refuses a JSON literal nested past 32 levels as the field rule says, within the document limits', async () => {
    const literal = `mutation { connectIntegration(input: { workspaceId: "WS-26-000021", type: LINEAR, name: "Deep", config: { a: ${nestedJson(40)} } }) { id } }`;
    const error = await refused(literal);
    expect([error.code, error.extensions?.argument]).toEqual(['UNPROCESSABLE', 'config']);
  });
});
