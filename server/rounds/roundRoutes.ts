import { Router } from 'express';
import { roundActionRoutes, roundRoutes } from '../../shared/contracts/roundRoutes';
import { roundActions } from '../../shared/protocol/rounds';
import type { RoundService } from '../../platform/rounds/roundService';
import { callerOf, serve } from '../http/serve';

/**
 * Researchers' rounds (`shared/contracts/roundRoutes.ts`): create, list, one round, its counts
 * and novelty ranking, the status moves, promotion of its checkpoints, and the checkpoints a round may start from. Ownership is
 * the service's: another researcher's round is a 404.
 */
export function roundRouter(service: RoundService): Router {
  const router = Router();
  serve(router, roundRoutes.create, async (input) => ({
    round: await service.create(callerOf(input), input.body),
  }));
  serve(router, roundRoutes.list, async (input) => ({
    rounds: await service.list(callerOf(input)),
  }));
  serve(router, roundRoutes.checkpoints, async (input) => ({
    checkpoints: await service.checkpoints(callerOf(input), input.query),
  }));
  serve(router, roundRoutes.get, async (input) => ({
    round: await service.get(callerOf(input), input.params.roundId),
  }));
  serve(router, roundRoutes.counts, async (input) => ({
    counts: await service.counts(callerOf(input), input.params.roundId),
  }));
  serve(router, roundRoutes.novelty, async (input) => ({
    dialogues: await service.novelty(callerOf(input), input.params.roundId),
  }));
  serve(router, roundRoutes.promote, async (input) => ({
    round: await service.promote(callerOf(input), input.params.roundId, input.body),
  }));
  for (const action of roundActions) {
    serve(router, roundActionRoutes[action], async (input) => ({
      round: await service.act(callerOf(input), input.params.roundId, action),
    }));
  }
  return router;
}
