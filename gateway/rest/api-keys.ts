import { badRequest, unprocessable } from '../../platform/errors.ts';
import { graphql } from './generated/gql.ts';
import { Role } from './generated/graphql.ts';
import { ROLES } from '../../platform/auth/tokens.ts';
import { INSTANT_RULE, parseInstant } from '../../platform/dates.ts';
import { enumField, idField, stringField, type BodyField } from './body.ts';
import { pageParams, type QueryParam } from './params.ts';
import { many, one, restValues, route, type Route } from './route.ts';
import { at, lowered, shape, within } from './shape.ts';

graphql(`fragment RestApiKey on ApiKey { id name role workspace { id } tokenPrefix createdBy createdAt lastUsedAt expiresAt revokedAt }`);

/** A key as listed: never its secret, which no one can read back. */
export const API_KEY = shape('ApiKey', {
  id: at('id'),
  name: at('name'),
  role: lowered('role'),
  workspace_id: at('workspace.id'),
  token_prefix: at('tokenPrefix'),
  created_by: at('createdBy'),
  created_at: at('createdAt'),
  last_used_at: at('lastUsedAt'),
  expires_at: at('expiresAt'),
  revoked_at: at('revokedAt'),
}, { description: 'An API key; never its secret.' });

/** The secret, sent as `Authorization: Bearer <secret>`, is shown in the answer that creates the key and never again. */
export const API_KEY_WITH_SECRET = shape('ApiKeyWithSecret', { ...within('apiKey', API_KEY.fields), secret: at('secret') }, {
  description: 'A new API key with its secret, shown in this answer only.',
});

/** `include_revoked=true`: revoked keys are left out unless asked for. */
const includeRevokedParam: QueryParam<'includeRevoked'> = {
  variable: 'includeRevoked',
  schema: { type: 'boolean', default: false },
  parse(raw, name) {
    if (raw === undefined) return undefined;
    if (raw !== 'true' && raw !== 'false') throw badRequest(`${name} must be true or false, got "${raw}".`, name);
    return raw === 'true';
  },
};

/** An instant with an explicit offset (`2027-01-01T00:00:00Z`); whether it lies in the future is the graph's rule. */
const expiresAtField: BodyField<'expiresAt'> = {
  variable: 'expiresAt',
  schema: { type: 'string', format: 'date-time', description: 'When the key stops working; never when absent.' },
  parse(value, name) {
    if (!parseInstant(value, { requireTime: true, requireOffset: true })) throw unprocessable(`${name} must be ${INSTANT_RULE}, with its offset, got ${JSON.stringify(value)}.`, name);
    return value;
  },
};

export const apiKeyRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/api-keys',
    summary: "List the organization's API keys (its workspace's, for a narrowed caller), oldest first. Owners and admins only.",
    query: { include_revoked: includeRevokedParam, ...pageParams('ApiKey') },
    document: graphql(`query RestApiKeys($includeRevoked: Boolean, $first: Int, $after: String) {
      apiKeys(includeRevoked: $includeRevoked, first: $first, after: $after) { nodes { ...RestApiKey } pageInfo { hasNextPage endCursor } }
    }`),
    answer: many('apiKeys', API_KEY),
  }),
  route({
    method: 'POST',
    path: '/v1/api-keys',
    summary: 'Create an API key for server-to-server calls; its secret is in this response only. Owners and admins only.',
    body: {
      name: stringField('name', { required: true }),
      role: enumField('role', restValues(Role), { description: "Defaults to member; never above the creator's own role." }),
      workspace_id: idField('workspaceId', 'Workspace', { description: 'Narrows the key to one workspace.' }),
      expires_at: expiresAtField,
    },
    status: 201,
    document: graphql(`mutation RestCreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ...RestApiKey } } }`),
    answer: one('createApiKey', API_KEY_WITH_SECRET),
  }),
  route({
    method: 'DELETE',
    path: '/v1/api-keys/{id}',
    summary: 'Revoke an API key: from now on it authenticates nothing. Owners and admins only.',
    document: graphql(`mutation RestRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { ...RestApiKey } }`),
    answer: one('revokeApiKey', API_KEY),
  }),
];
