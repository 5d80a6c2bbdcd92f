import type { AgentIndex } from '../domain/types';
import type { Act } from './acts';

/** One act and who said it: what the act rules and the dialogue both read. */
export interface Turn {
  speaker: AgentIndex;
  act: Act;
}
