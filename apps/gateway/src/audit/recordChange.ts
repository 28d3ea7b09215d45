import { appendAuditEvents, type Db } from '@goalpost/db';
import type { GatewayContext } from '../context.ts';
import { auditSnapshot, type AuditEntity } from './auditSnapshot.ts';

export type ChangeKind = 'CREATED' | 'UPDATED' | 'ARCHIVED' | 'DELETED';

export interface Change {
  entity: AuditEntity;
  /** The row id of what changed. */
  id: string;
  /** The plan it belongs to; null for workspace-level things (accounts, the ingest secret). */
  planId: string | null;
  /** The mutation that made the change. */
  action: string;
  change: ChangeKind;
  /** Rows (snapshotted by `auditSnapshot`) or plain summaries; null for nothing (before a creation, after a deletion). */
  before: object | null;
  after: object | null;
}

/**
 * The one way a mutation records what it changed: call it with the transaction that makes the change,
 * so the entry and the change are committed together or not at all. Who: the caller's user or token.
 */
export async function recordChange(tx: Db, ctx: GatewayContext, changes: Change | readonly Change[]): Promise<void> {
  const caller = ctx.caller;
  if (!caller) throw new Error('A change without a caller reached the audit trail.');
  const actor = {
    kind: caller.tokenId ? ('TOKEN' as const) : caller.userId ? ('USER' as const) : ('SYSTEM' as const),
    userId: caller.userId ?? null,
    tokenId: caller.tokenId ?? null,
  };
  const at = ctx.now();
  const list = Array.isArray(changes) ? (changes as readonly Change[]) : [changes as Change];
  await appendAuditEvents(
    tx,
    caller.workspaceId,
    list.map((c) => ({
      planId: c.planId,
      at,
      actor,
      entity: c.entity,
      entityId: c.id,
      action: c.action,
      change: c.change,
      before: auditSnapshot(c.entity, c.before),
      after: auditSnapshot(c.entity, c.after),
    })),
  );
}
