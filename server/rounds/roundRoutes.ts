import { Router } from 'express';
import {
  createRoundBodySchema,
  roundActions,
  roundIdParamsSchema,
  type RoundAction,
} from '../../shared/protocol/rounds';
import { checkpointListQuerySchema } from '../../shared/protocol/checkpoints';
import { requirePermission } from '../auth/guards';
import type { RoundService } from '../../platform/rounds/roundService';

/**
 * Researchers' rounds: `POST /rounds`, `GET /rounds`, `GET /rounds/:roundId`, and
 * `POST /rounds/:roundId/{launch,pause,resume,cancel,retry}`, and `GET /checkpoints` (what a
 * round may start from). Each route validates, checks the
 * permission (ownership is the service's: another researcher's round is a 404), and presents.
 */
export function roundRouter(service: RoundService): Router {
  const router = Router();
  const allowed = requirePermission('manageRounds');
  const user = (req: Express.Request) => req.user as Express.User;

  router.post('/rounds', allowed, async (req, res) => {
    const body = createRoundBodySchema.parse(req.body);
    res.status(201).json({ round: await service.create(user(req), body) });
  });

  router.get('/rounds', allowed, async (req, res) => {
    res.json({ rounds: await service.list(user(req)) });
  });

  router.get('/checkpoints', allowed, async (req, res) => {
    const query = checkpointListQuerySchema.parse(req.query);
    res.json({ checkpoints: await service.checkpoints(user(req), query) });
  });

  router.get('/rounds/:roundId', allowed, async (req, res) => {
    const { roundId } = roundIdParamsSchema.parse(req.params);
    res.json({ round: await service.get(user(req), roundId) });
  });

  router.get('/rounds/:roundId/counts', allowed, async (req, res) => {
    const { roundId } = roundIdParamsSchema.parse(req.params);
    res.json({ counts: await service.counts(user(req), roundId) });
  });

  router.get('/rounds/:roundId/novelty', allowed, async (req, res) => {
    const { roundId } = roundIdParamsSchema.parse(req.params);
    res.json({ dialogues: await service.novelty(user(req), roundId) });
  });

  for (const action of roundActions) {
    router.post(`/rounds/:roundId/${action}`, allowed, async (req, res) => {
      const { roundId } = roundIdParamsSchema.parse(req.params);
      res.json({ round: await service.act(user(req), roundId, action satisfies RoundAction) });
    });
  }

  return router;
}
