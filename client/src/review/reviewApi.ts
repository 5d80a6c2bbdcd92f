import type {
  AnnotationDetailView,
  AnnotationSummaryView,
  AuditEntryView,
  MyAnnotationView,
  Page,
  ReviewDecisionBody,
  ReviewStatus,
  ReviewView,
  RoundQualityView,
  WorkerStatsView,
} from '../../../shared/protocol/review';
import type { UserView } from '../../../shared/protocol/auth';
import { api, queryString } from '../api/http';

export interface QueueFilters {
  roundId?: string;
  status?: ReviewStatus | '';
  flagged?: 'true' | 'false' | '';
  workerId?: string;
  pageSize?: number;
  page?: number;
}

export const listQueue = (filters: QueueFilters) =>
  api<Page<AnnotationSummaryView>>('GET', `/review/annotations${queryString({ ...filters })}`);

export const getAnnotation = (id: string) =>
  api<{ annotation: AnnotationDetailView }>('GET', `/review/annotations/${id}`).then(
    (r) => r.annotation,
  );

export const decide = (id: string, body: ReviewDecisionBody) =>
  api<{ review: ReviewView }>('POST', `/review/annotations/${id}/decision`, body).then(
    (r) => r.review,
  );

export const listWorkers = (page = 1) =>
  api<Page<WorkerStatsView>>('GET', `/review/workers${queryString({ page })}`);

export const setWorkerBlocked = (userId: string, blocked: boolean, reason: string) =>
  api<{ user: UserView }>('POST', `/review/workers/${userId}/${blocked ? 'block' : 'unblock'}`, {
    reason,
  }).then((r) => r.user);

export const roundQuality = (roundId: string) =>
  api<{ stats: RoundQualityView }>('GET', `/review/rounds/${roundId}/stats`).then((r) => r.stats);

export const listAudit = (filters: { action?: string; page?: number }) =>
  api<Page<AuditEntryView>>('GET', `/audit${queryString(filters)}`);

export const listMyAnnotations = (page: number) =>
  api<Page<MyAnnotationView>>('GET', `/my/annotations${queryString({ page })}`);
