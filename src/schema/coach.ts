import { builder } from './builder';

export const Coach = builder.objectRef<{ id: number; name: string; email: string }>('Coach').implement({
  description: 'A coach of the organization.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    email: t.exposeString('email'),
  }),
});
