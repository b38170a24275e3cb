import { builder } from './builder';
import { Athlete } from './athlete';

export const Role = builder.enumType('Role', { values: ['ADMIN', 'COACH', 'ATHLETE'] as const });

const ViewerRef = builder.objectRef<{ userId: number; role: 'ADMIN' | 'COACH' | 'ATHLETE' }>('Viewer').implement({
  description: 'Who the token says is asking.',
  fields: (t) => ({
    userId: t.exposeID('userId'),
    role: t.expose('role', { type: Role }),
    athlete: t.field({
      type: Athlete,
      nullable: true,
      description: "The viewer's own athlete record, when the viewer is an athlete.",
      resolve: (viewer) => (viewer.role === 'ATHLETE' ? viewer.userId : null),
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    description: 'The authenticated user: role, id and, for athletes, their own record.',
    resolve: (_root, _args, ctx) => ({ userId: ctx.viewer.userId, role: ctx.viewer.role }),
  }),
);
