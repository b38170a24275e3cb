import { builder } from './builder';
import { Athlete } from './athlete';

export const Role = builder.enumType('Role', {
  description: "A user's role in the organization, from the token's `role` claim (docs/api.md, Identity and roles).",
  values: {
    ADMIN: { description: 'Reads everything in the organization and manages everyone.' },
    COACH: { description: 'Reads every athlete of the organization; manages only the athletes assigned to them.' },
    ATHLETE: { description: 'Reads and writes only their own data.' },
  } as const,
});

const ViewerRef = builder.objectRef<{ userId: number; role: 'ADMIN' | 'COACH' | 'ATHLETE' }>('Viewer').implement({
  description: 'Who the token says is asking.',
  fields: (t) => ({
    userId: t.exposeID('userId', { description: 'The user id from the token\'s `sub` claim; for an athlete, also their Athlete id.' }),
    role: t.expose('role', { type: Role, description: 'The role from the token\'s `role` claim.' }),
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
