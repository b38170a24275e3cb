import { builder } from './builder';

export const Coach = builder.objectRef<{ id: number; name: string; email: string }>('Coach').implement({
  description: 'A coach of the organization.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The coach\'s user id (the database number as a string); what coachId filters and assignCoach take.' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    email: t.exposeString('email', { description: 'Email address, unique in the organization, stored in lower case.' }),
  }),
});
