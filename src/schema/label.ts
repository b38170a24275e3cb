import { builder } from './builder';

export const Label = builder.objectRef<{ id: number; name: string }>('Label').implement({
  description: 'A tag a coach puts on athletes (e.g. "Injury watch").',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
  }),
});
