import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One Socket.IO cluster message (a broadcast, a room change, a disconnect order, a heartbeat)
 * or a response addressed to one server. `_id` is a cluster-wide sequence number, so every
 * server reads the log in the same order. Kept for a minute, then swept by query (no TTL).
 */
const socketEventSchema = new Schema(
  {
    _id: { type: Number, required: true },
    nsp: { type: String, required: true },
    kind: { type: String, enum: ['message', 'response'], required: true },
    /** The server a response is for; null for messages to every server. */
    to: { type: String, default: null },
    /** The message as JSON (what Socket.IO would send over the wire anyway). */
    payload: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export interface SocketEvent {
  _id: number;
  nsp: string;
  kind: 'message' | 'response';
  to: string | null;
  payload: string;
  at: Date;
}

/** The counter that hands out the log's sequence numbers (one findOneAndUpdate each). */
const socketEventSequenceSchema = new Schema(
  { _id: { type: String, required: true }, n: { type: Number, required: true } },
  { versionKey: false },
);

export function socketEventModel(connection: Connection): Model<SocketEvent> {
  return (
    (connection.models.SocketEvent as Model<SocketEvent> | undefined) ??
    connection.model<SocketEvent>('SocketEvent', socketEventSchema, 'socketEvents')
  );
}

export function socketEventSequenceModel(
  connection: Connection,
): Model<{ _id: string; n: number }> {
  return (
    (connection.models.SocketEventSequence as Model<{ _id: string; n: number }> | undefined) ??
    connection.model<{ _id: string; n: number }>(
      'SocketEventSequence',
      socketEventSequenceSchema,
      'socketEventSequence',
    )
  );
}
