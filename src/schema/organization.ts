import { builder } from './builder';
import { findOrganization } from '../repositories/organizations';
import { notFound } from '../errors';

interface OrganizationShape {
  id: number;
  name: string;
  timezone: string;
}

export const Organization = builder.objectRef<OrganizationShape>('Organization').implement({
  description: "The viewer's organization: a club or coaching business.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The organization\'s id (the `org` claim of the token).' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    timezone: t.expose('timezone', { type: 'TimeZone', description: 'Default zone for athletes without one, and for group views.' }),
  }),
});

builder.queryField('organization', (t) =>
  t.field({
    type: Organization,
    description: "The viewer's organization.",
    resolve: async (_root, _args, ctx) => {
      const org = await findOrganization(ctx.db, ctx.viewer.orgId);
      if (!org) throw notFound('organization', ctx.viewer.orgId);
      return org;
    },
  }),
);
