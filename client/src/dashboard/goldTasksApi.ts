import type { GoldTaskView } from '../../../shared/protocol/review';
import { goldTaskRoutes } from '../../../shared/contracts/goldTaskRoutes';
import { call } from '../api/call';

/** What the gold-task form sends: a stored dialogue of one of the researcher's rounds, cut. */
export interface GoldTaskRequest {
  dialogueId: string;
  cutAt: number;
  expectations: GoldTaskView['expectations'];
  redundancy: number;
  roundId: string | null;
}

export const listGoldTasks = () => call(goldTaskRoutes.list, {}).then((r) => r.goldTasks);
export const createGoldTask = (body: GoldTaskRequest) =>
  call(goldTaskRoutes.create, { body }).then((r) => r.goldTask);
