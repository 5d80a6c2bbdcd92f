import { reviewRoutes } from '../../../shared/contracts/reviewRoutes';
import type {
  AuditAction,
  ReviewDecisionBody,
  ReviewStatus,
} from '../../../shared/protocol/review';
import { call } from '../api/call';

export interface QueueFilters {
  roundId?: string;
  status?: ReviewStatus | '';
  flagged?: 'true' | 'false' | '';
  workerId?: string;
  pageSize?: number;
  page?: number;
}

/** Empty filters are left out (the form's "any"). */
const defined = <T extends object>(filters: T) =>
  Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '' && v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], ''>;
  };

export const listQueue = (filters: QueueFilters) =>
  call(reviewRoutes.queue, { query: defined(filters) });

export const getAnnotation = (id: string) =>
  call(reviewRoutes.annotation, { params: { annotationId: id } }).then((r) => r.annotation);

export const decide = (id: string, body: ReviewDecisionBody) =>
  call(reviewRoutes.decide, { params: { annotationId: id }, body }).then((r) => r.review);

export const listWorkers = (page = 1) => call(reviewRoutes.workers, { query: { page } });

export const setWorkerBlocked = (userId: string, blocked: boolean, reason: string) =>
  call(blocked ? reviewRoutes.block : reviewRoutes.unblock, {
    params: { userId },
    body: { reason },
  }).then((r) => r.user);

export const roundQuality = (roundId: string) =>
  call(reviewRoutes.roundStats, { params: { roundId } }).then((r) => r.stats);

export const listAudit = (filters: { action?: AuditAction; page?: number }) =>
  call(reviewRoutes.audit, { query: defined(filters) });

export const listMyAnnotations = (page: number) =>
  call(reviewRoutes.myAnnotations, { query: { page } });
