import type {
  DialogueActEvent,
  TaskEndedEvent,
  TaskExpiredEvent,
} from '../../shared/protocol/annotation';

/** How the annotation services reach a worker's open sockets (every tab of theirs). */
export interface AnnotationNotifier {
  act(workerId: string, event: DialogueActEvent): void;
  ended(workerId: string, event: TaskEndedEvent): void;
  expired(workerId: string, event: TaskExpiredEvent): void;
}
