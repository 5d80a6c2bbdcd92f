import { createGoldTaskBodySchema, type GoldTaskView } from '../protocol/review';
import { route } from './route';

/** Gold tasks: a dialogue cut with the answers a careful annotator gives (researchers, admins). */
export const goldTaskRoutes = {
  create: route<{ goldTask: GoldTaskView }>()({
    method: 'post',
    path: '/api/gold-tasks',
    summary: 'Create a gold task cut from a dialogue record, with its expectations (audited)',
    tag: 'quality',
    access: 'manageGoldTasks',
    body: createGoldTaskBodySchema,
    success: { status: 201, description: '`{ goldTask }`' },
  }),
  list: route<{ goldTasks: GoldTaskView[] }>()({
    method: 'get',
    path: '/api/gold-tasks',
    summary: 'Gold tasks with their expectations (researchers: those they created)',
    tag: 'quality',
    access: 'manageGoldTasks',
    success: { status: 200, description: '`{ goldTasks }`' },
  }),
};
