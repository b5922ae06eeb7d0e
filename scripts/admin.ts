import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.ts';
import { openDatabase, migrateDatabase } from '../platform/db.ts';
import { isPlatformError } from '../platform/errors.ts';
import { isIdOf } from '../platform/ids.ts';
import { createOrganizationWithOwner, createOwnerKey } from '../subgraphs/organizations/public.ts';

const USAGE = `Usage: npm run admin -- <command> [options]     (against DATABASE_URL)

  create-org --name NAME --slug SLUG --owner-email EMAIL --owner-name NAME [--key-name NAME]
      creates an organization, its owner (an active user, role owner) and an owner API key
  create-api-key --org ORG-YY-NNNNNN [--name NAME]
      creates another owner API key for an existing organization

An API key is printed once (only its hash is stored): use it as "Authorization: Bearer sk_...".
Further keys, narrower roles and workspaces: the createApiKey mutation, with that key.`;

const fail = (message: string): never => {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
};

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      'owner-email': { type: 'string' },
      'owner-name': { type: 'string' },
      'key-name': { type: 'string' },
      org: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = parsed!;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [command, ...extra] = positionals;
if (extra.length > 0) fail(`unexpected arguments: ${extra.join(' ')}`);
if (command !== 'create-org' && command !== 'create-api-key') fail(command ? `unknown command: ${command}` : 'a command is required');
const required = (name: keyof typeof values): string => {
  const value = values[name];
  return typeof value === 'string' && value.trim() !== '' ? value : fail(`--${name} is required`);
};
type Args =
  | { command: 'create-org'; name: string; slug: string; ownerEmail: string; ownerName: string; keyName?: string }
  | { command: 'create-api-key'; org: string; name: string };
const args: Args = command === 'create-org'
  ? { command, name: required('name'), slug: required('slug'), ownerEmail: required('owner-email'), ownerName: required('owner-name'), keyName: values['key-name'] }
  : { command: 'create-api-key', org: required('org'), name: values.name ?? 'owner key (npm run admin)' };
if (args.command === 'create-api-key' && !isIdOf('Organization', args.org)) fail('--org must be an ORG-YY-NNNNNN id');

const config = loadConfig();
if (!config.databaseUrl) fail('npm run admin writes to PostgreSQL: set DATABASE_URL (the embedded database has the demo data and npm start may hold it)');
const database = await openDatabase({ databaseUrl: config.databaseUrl!, max: 2, waitSeconds: config.databaseWaitSeconds, pipelined: 0 });
try {
  await migrateDatabase(database);
  if (args.command === 'create-api-key') {
    const key = await createOwnerKey(database.db, args.org, args.name);
    console.log(JSON.stringify({ organizationId: args.org, apiKey: key }, null, 2));
  } else {
    const { organization, owner, apiKey } = await createOrganizationWithOwner(database.db, args);
    console.log(JSON.stringify({ organizationId: organization.id, ownerUserId: owner.id, apiKey }, null, 2));
  }
} catch (error) {
  await database.close();
  if (!isPlatformError(error)) throw error;
  fail(error.message);
}
await database.close();
