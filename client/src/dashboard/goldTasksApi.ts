import type { GoldTaskView } from '../../../shared/protocol/review';
import { api } from '../api/http';

/** What the gold-task form sends: a stored dialogue of one of the researcher's rounds, cut. */
export interface GoldTaskRequest {
  dialogueId: string;
  cutAt: number;
  expectations: GoldTaskView['expectations'];
  redundancy: number;
  roundId: string | null;
}

export const listGoldTasks = () =>
  api<{ goldTasks: GoldTaskView[] }>('GET', '/gold-tasks').then((r) => r.goldTasks);
export const createGoldTask = (body: GoldTaskRequest) =>
  api<{ goldTask: GoldTaskView }>('POST', '/gold-tasks', body).then((r) => r.goldTask);
