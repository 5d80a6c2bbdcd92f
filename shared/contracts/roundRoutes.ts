import type { CheckpointOption } from '../protocol/checkpoints';
import { checkpointListQuerySchema } from '../protocol/checkpoints';
import {
  createRoundBodySchema,
  promoteRoundBodySchema,
  roundActions,
  roundIdParamsSchema,
  type NoveltyEntry,
  type RoundAction,
  type RoundCounts,
  type RoundView,
} from '../protocol/rounds';
import { route } from './route';

/** Researchers' acquisition rounds and the checkpoints a round may start from. */
export const roundRoutes = {
  create: route<{ round: RoundView }>()({
    method: 'post',
    path: '/api/rounds',
    summary: 'Create an acquisition round (draft)',
    tag: 'rounds',
    access: 'manageRounds',
    body: createRoundBodySchema,
    success: { status: 201, description: '`{ round }`' },
  }),
  list: route<{ rounds: RoundView[] }>()({
    method: 'get',
    path: '/api/rounds',
    summary: "The caller's rounds (every round for admins)",
    tag: 'rounds',
    access: 'manageRounds',
    success: { status: 200, description: '`{ rounds }`' },
  }),
  get: route<{ round: RoundView }>()({
    method: 'get',
    path: '/api/rounds/:roundId',
    summary: 'One round (another researcher’s round is a 404)',
    tag: 'rounds',
    access: 'manageRounds',
    params: roundIdParamsSchema,
    success: { status: 200, description: '`{ round }`' },
  }),
  counts: route<{ counts: RoundCounts }>()({
    method: 'get',
    path: '/api/rounds/:roundId/counts',
    summary: 'Task and annotation counts of a round (RoundCounts)',
    tag: 'rounds',
    access: 'manageRounds',
    params: roundIdParamsSchema,
    success: { status: 200, description: '`{ counts }`' },
  }),
  novelty: route<{ dialogues: NoveltyEntry[] }>()({
    method: 'get',
    path: '/api/rounds/:roundId/novelty',
    summary: "The round's 50 most novel self-play dialogues (NoveltyEntry[]), after ranking",
    tag: 'rounds',
    access: 'manageRounds',
    params: roundIdParamsSchema,
    success: { status: 200, description: '`{ dialogues }`' },
  }),
  promote: route<{ round: RoundView }>()({
    method: 'post',
    path: '/api/rounds/:roundId/promote',
    summary:
      "Make an evaluated round's new checkpoints the owner's default (`scope: everyone`, admins: the domain's)",
    tag: 'rounds',
    access: 'manageRounds',
    params: roundIdParamsSchema,
    body: promoteRoundBodySchema,
    success: { status: 200, description: '`{ round }` with its `promotion`' },
  }),
  checkpoints: route<{ checkpoints: CheckpointOption[] }>()({
    method: 'get',
    path: '/api/checkpoints',
    summary:
      'Checkpoints of a domain and role a round may start from (current, bootstraps, own rounds’)',
    tag: 'rounds',
    access: 'manageRounds',
    query: checkpointListQuerySchema,
    success: { status: 200, description: '`{ checkpoints }` (CheckpointOption[])' },
  }),
};

const roundActionRoute = (action: RoundAction) =>
  route<{ round: RoundView }>()({
    method: 'post',
    path: `/api/rounds/:roundId/${action}`,
    summary: `${action[0]?.toUpperCase() ?? ''}${action.slice(1)} a round`,
    tag: 'rounds',
    access: 'manageRounds',
    params: roundIdParamsSchema,
    success: { status: 200, description: '`{ round }`' },
  });

/** `POST /api/rounds/:roundId/<action>`: one route per status move. */
export const roundActionRoutes = Object.fromEntries(
  roundActions.map((action) => [action, roundActionRoute(action)]),
) as Record<RoundAction, ReturnType<typeof roundActionRoute>>;
