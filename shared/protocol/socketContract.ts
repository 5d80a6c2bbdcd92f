import type { AckCallback } from './ack';
import type {
  ActAckData,
  ActPayload,
  ClaimPayload,
  DialogueActEvent,
  HeartbeatAckData,
  SelectAckData,
  SelectPayload,
  SuggestionView,
  TaskEndedEvent,
  TaskExpiredEvent,
  TaskRefPayload,
  TaskView,
} from './annotation';
import type { RateAckData, RatePayload } from './evaluation';
import type { Role } from './roles';

/** The Socket.IO namespace of live annotation. */
export const annotateNamespace = '/annotate';

/** Client → server events of `/annotate`; each answers through its ack (see docs/protocol.md). */
export interface ClientToServerEvents {
  'task:claim': (payload: ClaimPayload, ack: AckCallback<TaskView | null>) => void;
  'task:resume': (payload: TaskRefPayload, ack: AckCallback<TaskView>) => void;
  'task:heartbeat': (payload: TaskRefPayload, ack: AckCallback<HeartbeatAckData>) => void;
  'task:abandon': (payload: TaskRefPayload, ack: AckCallback<null>) => void;
  'dialogue:act': (payload: ActPayload, ack: AckCallback<ActAckData>) => void;
  'dialogue:select': (payload: SelectPayload, ack: AckCallback<SelectAckData>) => void;
  'astra:suggest': (payload: TaskRefPayload, ack: AckCallback<SuggestionView>) => void;
  /** An evaluation study's questionnaire about a finished dialogue (shared/protocol/evaluation.ts). */
  'evaluation:rate': (payload: RatePayload, ack: AckCallback<RateAckData>) => void;
}

export interface ServerToClientEvents {
  'dialogue:act': (event: DialogueActEvent) => void;
  'task:ended': (event: TaskEndedEvent) => void;
  'task:expired': (event: TaskExpiredEvent) => void;
  /** Tasks appeared while this worker's last claim found none. */
  'queue:available': () => void;
}

export type ClientEventName = keyof ClientToServerEvents;

export const clientEventNames = [
  'task:claim',
  'task:resume',
  'task:heartbeat',
  'task:abandon',
  'dialogue:act',
  'dialogue:select',
  'astra:suggest',
  'evaluation:rate',
] as const satisfies readonly ClientEventName[];

// Server-side facts about a connection, set by the authentication middleware.
export interface SocketData {
  user: { id: string; username: string; roles: Role[] };
  /** What signed the socket in; revoking it (sign-out, token deletion) ends the socket. */
  credential: SocketCredential;
}

export type SocketCredential =
  { kind: 'session'; sessionId: string } | { kind: 'token'; tokenId: string };

// Every client event is listed above (a compile error here names a missing one).
type Unlisted = Exclude<ClientEventName, (typeof clientEventNames)[number]>;
export const everyClientEventListed: [Unlisted] extends [never] ? true : never = true;
