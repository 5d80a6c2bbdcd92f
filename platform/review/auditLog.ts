import { Schema, type Connection, type Model, type Types } from 'mongoose';
import {
  auditActionNames,
  auditTargetTypes,
  type AuditAction,
  type AuditTargetType,
  type AuditEntryView,
  type Page,
} from '../../shared/protocol/review';
import type { SessionUser } from '../auth/sessionUser';

/** One line of the audit log: who did what to which target, when and why. Never changed. */
export interface AuditEntry {
  _id: Types.ObjectId;
  at: Date;
  actorId: string;
  actorName: string;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  reason: string;
  details: Record<string, unknown>;
}

const auditSchema = new Schema<AuditEntry>(
  {
    at: { type: Date, required: true },
    actorId: { type: String, required: true },
    actorName: { type: String, required: true },
    action: { type: String, enum: auditActionNames, required: true },
    targetType: { type: String, enum: auditTargetTypes, required: true },
    targetId: { type: String, required: true },
    reason: { type: String, default: '' },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false },
);
auditSchema.index({ at: -1 });

export function auditModel(connection: Connection): Model<AuditEntry> {
  return (
    (connection.models.AuditEntry as Model<AuditEntry> | undefined) ??
    connection.model<AuditEntry>('AuditEntry', auditSchema, 'auditLog')
  );
}

export async function recordAudit(
  connection: Connection,
  actor: SessionUser,
  entry: Pick<AuditEntry, 'action' | 'targetType' | 'targetId' | 'reason' | 'details'>,
  at = new Date(),
): Promise<void> {
  await auditModel(connection).create({
    ...entry,
    at,
    actorId: actor.id,
    actorName: actor.username,
  });
}

export async function listAudit(
  connection: Connection,
  query: {
    action?: AuditAction;
    targetId?: string;
    actorId?: string;
    page: number;
    pageSize: number;
  },
): Promise<Page<AuditEntryView>> {
  const filter: Record<string, string> = {};
  if (query.action !== undefined) {
    filter.action = query.action;
  }
  if (query.targetId !== undefined) {
    filter.targetId = query.targetId;
  }
  if (query.actorId !== undefined) {
    filter.actorId = query.actorId;
  }
  const model = auditModel(connection);
  const [entries, total] = await Promise.all([
    model
      .find(filter)
      .sort({ at: -1, _id: -1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<AuditEntry[]>()
      .exec(),
    model.countDocuments(filter).exec(),
  ]);
  return {
    items: entries.map(presentAudit),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}

function presentAudit(entry: AuditEntry): AuditEntryView {
  return {
    id: entry._id.toHexString(),
    at: entry.at.toISOString(),
    actor: { id: entry.actorId, username: entry.actorName },
    action: entry.action,
    target: { type: entry.targetType, id: entry.targetId },
    reason: entry.reason,
    details: entry.details,
  };
}
