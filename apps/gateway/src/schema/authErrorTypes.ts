import { ForbiddenError } from '../auth/refusals.ts';
import { InvalidCredentialsError, SignInLockedError } from '../auth/signInRefusals.ts';
import { forbiddenText } from '../messages/graphqlErrorIn.ts';
import { localeOf } from '../messages/requestLocale.ts';
import { builder } from './builder.ts';
import { ErrorInterface } from './errorTypes.ts';
import { WorkspaceRoleEnum } from './workspaceRole.ts';

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'Your role (or credential) does not allow this; nothing was changed. Also raised as a GraphQL error with code FORBIDDEN on fields that are not mutations.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    message: t.string({
      description: "In the request's Accept-Language (en, es, ca, it; English otherwise), naming the role it needs.",
      resolve: (error, _args, ctx) => forbiddenText(localeOf(ctx), error) ?? error.message,
    }),
    code: t.string({ resolve: () => 'FORBIDDEN' }),
    requiredRole: t.field({
      type: WorkspaceRoleEnum,
      nullable: true,
      description: 'The least role that may do it; null when it needs a signed-in person rather than a role.',
      resolve: (error) => error.requiredRole,
    }),
  }),
});

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  description: 'The email or the password is wrong (the answer is the same for an unknown email).',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

builder.objectType(SignInLockedError, {
  name: 'SignInLockedError',
  description: 'Too many failed sign-ins for this email or from this address; try again later.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    retryAfterSeconds: t.exposeInt('retryAfterSeconds'),
  }),
});
