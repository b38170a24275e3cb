import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { openScriptDatabase } from './database';
import { findFirstUser } from '../src/auth/demo-token';
import { signToken } from '../src/auth/tokens';
import type { ViewerRole } from '../src/auth/viewer';

// npm run token -- --role coach [--user <id>] [--org <id>] [--audience stride-mobile] [--expires 12h]
// Prints the token alone on the last line. With --user and --org no database is opened;
// otherwise it looks the user up in the database `npm start` uses (DATABASE_URL, else the
// embedded one in DATA_DIR; a server running on that embedded folder must be stopped first:
// one PGlite data folder takes one process, and the script says so).
async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', default: 'coach' },
      user: { type: 'string' },
      org: { type: 'string' },
      audience: { type: 'string' },
      expires: { type: 'string', default: '12h' },
    },
  });
  const role = values.role!.toLowerCase();
  if (!['admin', 'coach', 'athlete'].includes(role)) throw new Error('--role must be admin, coach or athlete');
  const config = loadConfig();
  if (!config.auth.secret) throw new Error('minting needs JWT_SECRET (tokens verified by JWKS come from the identity provider)');
  const audience = values.audience ?? config.auth.audiences[0];
  if (!config.auth.audiences.includes(audience)) throw new Error(`--audience must be one of ${config.auth.audiences.join(', ')}`);

  let orgId = values.org === undefined ? undefined : Number(values.org);
  let userId = values.user === undefined ? undefined : Number(values.user);
  if (orgId === undefined || userId === undefined) {
    const handle = await openScriptDatabase(config);
    try {
      let query = handle.db.selectFrom('users').select(['org_id', 'id', 'name', 'role']);
      const user = userId !== undefined
        ? await query.where('id', '=', userId).where('role', '=', role as never).executeTakeFirst()
        : await findFirstUser(handle.db, role as never, orgId);
      if (!user) throw new Error(userId !== undefined ? `no ${role} with id ${userId}` : `no ${role} found: seed the database first`);
      orgId = user.org_id;
      userId = user.id;
      console.log(`${role} ${user.name} (user ${user.id}, organization ${user.org_id})`);
    } finally {
      await handle.close();
    }
  }
  const token = await signToken(config.auth, {
    orgId: orgId!,
    userId: userId!,
    role: role.toUpperCase() as ViewerRole,
    audience,
    expiresIn: values.expires!,
  });
  console.log(`expires in ${values.expires}; send it as: Authorization: Bearer <token>`);
  console.log(token);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
