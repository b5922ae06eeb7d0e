import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db.ts';
import { mintToken, verifyToken, signingKeyFromSecret, ROLES, type Role } from '../platform/auth/tokens.ts';
import { isPlatformError } from '../platform/errors.ts';
import { isIdOf } from '../platform/ids.ts';
import { defaultActorOf, existingUsers, findWorkspace, organizationExists } from '../subgraphs/organizations/public.ts';
import { buildDemoData, DEMO } from '../seed/demo.ts';

const USAGE = `Usage: npm run token -- --org ORG-YY-NNNNNN [--workspace WS-..] [--role ${ROLES.join('|')}] [--user USR-..] [--expires 12h]

Mints a development bearer token signed with AUTH_SECRET, for an organization, workspace and user
that exist: in the PostgreSQL database at DATABASE_URL, or in the demo data of the embedded database.
  --org        the organization (required)
  --workspace  narrows the token to one workspace of that organization
  --role       owner, admin (default), member or viewer
  --user       the acting user, of that organization (default: an admin or owner of it)
  --expires    lifetime, e.g. 30m, 12h (default 12h), at most TOKEN_MAX_LIFETIME_SECONDS
  --help       prints this`;

const fail = (message: string): never => {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
};

let parsed;
try {
  parsed = parseArgs({
    options: {
      org: { type: 'string' },
      workspace: { type: 'string' },
      role: { type: 'string', default: 'admin' },
      user: { type: 'string' },
      expires: { type: 'string', default: '12h' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail((error as Error).message);
}
const { values } = parsed!;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.org || !isIdOf('Organization', values.org)) fail('--org ORG-YY-NNNNNN is required');
if (values.workspace && !isIdOf('Workspace', values.workspace)) fail('--workspace must be a WS-YY-NNNNNN id');
if (!ROLES.includes(values.role as Role)) fail(`--role must be one of ${ROLES.join(', ')}`);
if (values.user && !isIdOf('User', values.user)) fail('--user must be a USR-YY-NNNNNN id');
const org = values.org!;

const config = loadConfig();
const actorId = await checkExists(org, values.workspace, values.user);
const key = signingKeyFromSecret(config.authSecret);
const token = await mintToken(key, {
  organizationId: org,
  workspaceId: values.workspace ?? null,
  role: values.role as Role,
  actorId,
  actorType: 'user',
}, { expiresIn: values.expires });
// Verified as the gateway will, so a token it would refuse is never printed.
await verifyToken([key], token, { maxLifetimeSeconds: config.tokenMaxLifetimeSeconds }).catch((error: unknown) => {
  fail(isPlatformError(error) ? `--expires ${values.expires}: ${error.message}` : String(error));
});
console.log(token);

/**
 * Refuses an organization, workspace or user that does not exist (or not in that organization), and
 * returns the acting user. PostgreSQL (DATABASE_URL) is asked; the embedded database cannot be
 * opened while `npm start` holds it, and holds the demo data, which is checked instead.
 */
async function checkExists(organizationId: string, workspaceId: string | undefined, userId: string | undefined): Promise<string> {
  const scope = { organizationId, workspaceId: null };
  if (config.databaseUrl) {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, max: 1, waitSeconds: config.databaseWaitSeconds, pipelined: 0 });
    try {
      if (!(await organizationExists(database.db, organizationId))) fail(`--org: organization ${organizationId} does not exist in the database at DATABASE_URL`);
      if (workspaceId && !(await findWorkspace(database.db, scope, workspaceId))) fail(`--workspace: workspace ${workspaceId} does not exist in organization ${organizationId}`);
      if (userId) {
        if ((await existingUsers(database.db, scope, [userId])).size === 0) fail(`--user: user ${userId} does not exist in organization ${organizationId}`);
        return userId;
      }
      return (await defaultActorOf(database.db, organizationId)) ?? fail(`organization ${organizationId} has no user to act as: name one with --user`);
    } finally {
      await database.close();
    }
  }
  const demo = buildDemoData();
  if (!demo.organizations.some((o) => o.id === organizationId)) fail(`--org: organization ${organizationId} is not in the embedded database's demo data (${demo.organizations.map((o) => o.id).join(', ')})`);
  if (workspaceId && !demo.workspaces.some((w) => w.id === workspaceId && w.organizationId === organizationId)) fail(`--workspace: workspace ${workspaceId} does not exist in organization ${organizationId}`);
  const members = demo.users.filter((u) => u.organizationId === organizationId);
  if (userId && !members.some((u) => u.id === userId)) fail(`--user: user ${userId} does not exist in organization ${organizationId}`);
  if (userId) return userId;
  return organizationId === DEMO.organizationId ? DEMO.adminUserId : (members.find((u) => u.role === 'admin' || u.role === 'owner') ?? members[0]).id!;
}
