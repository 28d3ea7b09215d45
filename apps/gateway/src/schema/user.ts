import type { UserRow } from '@goalpost/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from './builder.ts';

export const UserRef = builder.objectRef<Pick<UserRow, 'id' | 'email' | 'name'>>('User').implement({
  description: 'A person who signs in with an email and a password.',
  fields: (t) => ({
    id: t.id({ resolve: (user) => encodeGlobalID('User', user.id) }),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
  }),
});
