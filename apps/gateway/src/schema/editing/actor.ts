import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';

export interface ActorValue {
  kind: string;
  userId: string | null;
  tokenId: string | null;
}

export const ActorRef = builder.objectRef<ActorValue>('Actor').implement({
  description: 'Who did something: a person (USER, through a session) or an API token (TOKEN).',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'USER, TOKEN, or SYSTEM (the service itself).' }),
    userId: t.id({ nullable: true, description: 'The User, when a person acted.', resolve: (a) => (a.userId ? encodeGlobalID('User', a.userId) : null) }),
    tokenId: t.id({ nullable: true, description: 'The ApiToken, when a token acted.', resolve: (a) => (a.tokenId ? encodeGlobalID('ApiToken', a.tokenId) : null) }),
  }),
});
