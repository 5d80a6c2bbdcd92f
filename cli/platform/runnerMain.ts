import { experimentJobHandlers } from '../../experiments/distributed/experimentJobs';
import { pipelineJobHandlers } from '../../pipeline/jobHandlers';
import { runPipelineRunner } from '../../pipeline/runnerProcess';

/**
 * The worker process (`parley worker`, and the ones `parley start` forks): the round pipeline's
 * job handlers and the experiments' together. Composed here because pipeline/ and experiments/
 * may not import each other.
 */
await runPipelineRunner((deps) => ({
  ...pipelineJobHandlers(deps),
  ...experimentJobHandlers(deps),
}));
