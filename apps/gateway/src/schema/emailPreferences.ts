import { findUsers, listEmailOptOuts, setEmailOptOuts } from '@goalpost/db';
import { callerOf, personOf, workspaceOf } from '../context.ts';
import { builder } from './builder.ts';
import { MemberRef } from './member.ts';
import { NotificationEventEnum, notificationEvents } from './notificationChannels.ts';
import { ViewerRef } from './viewer.ts';

type NotificationEvent = (typeof notificationEvents)[number];

/** The event kinds whose e-mails an address gets from the workspace's EMAIL channels: all but its opt-outs. */
async function emailEventsOf(db: Parameters<typeof listEmailOptOuts>[0], workspaceId: string, email: string): Promise<NotificationEvent[]> {
  const optOuts = (await listEmailOptOuts(db, workspaceId, [email])).get(email.trim().toLowerCase()) ?? new Set<string>();
  return notificationEvents.filter((event) => !optOuts.has(event));
}

const emailEventsDescription = "The kinds of this workspace's e-mail (from its EMAIL channels that name this person's address) the person gets; the others they turned off, in updateEmailPreferences or with an e-mail's unsubscribe link.";

builder.objectField(MemberRef, 'emailEvents', (t) => t.field({
  type: [NotificationEventEnum],
  description: emailEventsDescription,
  resolve: (m, _args, ctx) => emailEventsOf(ctx.db, workspaceOf(ctx), m.user.email),
}));

builder.objectField(ViewerRef, 'emailEvents', (t) => t.field({
  type: [NotificationEventEnum],
  nullable: true,
  description: `${emailEventsDescription} Null for an API token.`,
  resolve: async (v, _args, ctx) => {
    if (!v.userId) return null;
    const [user] = await findUsers(ctx.db, [v.userId]);
    return user ? emailEventsOf(ctx.db, v.workspaceId, user.email) : null;
  },
}));

const UpdateEmailPreferencesInput = builder.inputType('UpdateEmailPreferencesInput', {
  fields: (t) => ({
    events: t.field({ type: [NotificationEventEnum], required: true, description: 'The kinds of e-mail to get from this workspace; the others are turned off. Empty: none.' }),
  }),
});

builder.mutationField('updateEmailPreferences', (t) => t.field({
  description: "Chooses which of the workspace's e-mails the signed-in person gets (any role: it is their own inbox).",
  type: builder.simpleObject('UpdateEmailPreferencesSuccess', {
    fields: (f) => ({ emailEvents: f.field({ type: [NotificationEventEnum] }) }),
  }),
  errors: {},
  skipTypeScopes: true,
  authScopes: { $all: { signedIn: true, member: true } },
  args: { input: t.arg({ type: UpdateEmailPreferencesInput, required: true }) },
  resolve: async (_root, { input }, ctx) => {
    const ws = callerOf(ctx).workspaceId;
    const person = personOf(ctx);
    const wanted = new Set<string>(input.events);
    await setEmailOptOuts(ctx.db, ws, person.email, notificationEvents.filter((event) => !wanted.has(event)), ctx.now());
    return { emailEvents: await emailEventsOf(ctx.db, ws, person.email) };
  },
}));
