import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.ts';
import { mintToken, verifyToken, signingKeyFromSecret, ROLES, type Role } from '../platform/auth/tokens.ts';
import { isPlatformError } from '../platform/errors.ts';
import { isIdOf } from '../platform/ids.ts';

/**
 * `npm run token -- --org ORG-.. [--workspace WS-..] [--role admin] [--user USR-..] [--expires 12h]`;
 * `--expires` at most TOKEN_MAX_LIFETIME_SECONDS (24 hours by default), as the gateway accepts.
 */
const { values } = parseArgs({
  options: {
    org: { type: 'string' },
    workspace: { type: 'string' },
    role: { type: 'string', default: 'admin' },
    user: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});
const fail = (message: string) => {
  console.error(message);
  process.exit(2);
};
if (!values.org || !isIdOf('Organization', values.org)) fail('--org ORG-YY-NNNNNN is required');
if (values.workspace && !isIdOf('Workspace', values.workspace)) fail('--workspace must be a WS-YY-NNNNNN id');
if (!ROLES.includes(values.role as Role)) fail(`--role must be one of ${ROLES.join(', ')}`);
if (values.user && !isIdOf('User', values.user)) fail('--user must be a USR-YY-NNNNNN id');

const config = loadConfig();
const key = signingKeyFromSecret(config.authSecret);
const token = await mintToken(key, {
  organizationId: values.org!,
  workspaceId: values.workspace ?? null,
  role: values.role as Role,
  actorId: values.user ?? 'USR-26-000044',
  actorType: 'user',
}, { expiresIn: values.expires });
// Verified as the gateway will, so a token it would refuse is never printed.
await verifyToken([key], token, { maxLifetimeSeconds: config.tokenMaxLifetimeSeconds }).catch((error: unknown) => {
  fail(isPlatformError(error) ? `--expires ${values.expires}: ${error.message}` : String(error));
});
console.log(token);
