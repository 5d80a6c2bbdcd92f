import type { Connection } from 'mongoose';
import type { roundJobKinds } from '../platform/jobs/jobKinds';
import type { JobHandlers } from '../platform/jobs/jobRegistry';
import type { Logger } from '../platform/logger';
import { annotatingStage } from './annotatingStage';
import { evaluateStage } from './evaluateStage';
import { defaultPipelineSettings, type PipelineSettings } from './pipelineSettings';
import { rankStage } from './rankStage';
import { retrainStage } from './retrainStage';
import { roundWorkDeps } from './roundWork';
import { selfPlayStage } from './selfPlayStage';

/** The handlers of the round pipeline's job kinds, one stage per file. */
export function roundJobHandlers(
  connection: Connection,
  log: Logger,
  settings: Partial<PipelineSettings> = {},
): JobHandlers<typeof roundJobKinds> {
  const deps = roundWorkDeps(connection, log.child({ component: 'rounds' }), {
    ...defaultPipelineSettings,
    ...settings,
  });
  return {
    'round.selfplay': ({ roundId }, context) => selfPlayStage(deps, roundId, context),
    'round.rank': ({ roundId }, context) => rankStage(deps, roundId, context),
    'round.annotating': ({ roundId }, context) => annotatingStage(deps, roundId, context),
    'round.retrain': ({ roundId }, context) => retrainStage(deps, roundId, context),
    'round.evaluate': ({ roundId }, context) => evaluateStage(deps, roundId, context),
  };
}
