import { parseArgs } from 'node:util';
import { loadConfig } from '../subgraphs/kit/config.ts';
import { mintToken, signingKeyFromSecret, ROLES, type Role } from '../subgraphs/kit/auth/tokens.ts';
import { isIdOf } from '../subgraphs/kit/ids.ts';

/** `npm run token -- --org ORG-.. [--workspace WS-..] [--role admin] [--user USR-..] [--expires 12h]` */
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
const token = await mintToken(signingKeyFromSecret(config.authSecret), {
  organizationId: values.org!,
  workspaceId: values.workspace ?? null,
  role: values.role as Role,
  actorId: values.user ?? 'USR-26-000044',
  actorType: 'user',
}, { expiresIn: values.expires });
console.log(token);
