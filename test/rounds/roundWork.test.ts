import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../platform/database/prepareModels';
import type { JobContext } from '../../platform/jobs/jobRegistry';
import { createLogger } from '../../platform/logger';
import { defaultPipelineSettings } from '../../pipeline/pipelineSettings';
import {
  aliceAfterSelfPlay,
  rlAliceVersion,
  roundWorkDeps,
  stopBetweenChunks,
  type RoundWorkDeps,
} from '../../pipeline/roundWork';
import { openTestDatabase } from '../setup/testDatabase';
import { readRound } from '../support/roundWorkers';
import { storeRound } from '../support/storedRound';

/** What every stage shares (pipeline/roundWork.ts): stopping between chunks, the Alice they play. */

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let deps: RoundWorkDeps;

beforeAll(async () => {
  db = await openTestDatabase('roundWork');
  await prepareDatabase(db.connection);
  deps = roundWorkDeps(db.connection, createLogger('silent'), defaultPipelineSettings);
});
afterAll(async () => {
  await db.drop();
});

const jobContext = (signal: AbortSignal): JobContext => ({ jobId: 'job', attempt: 1, signal });
const running = jobContext(new AbortController().signal);

describe('between two chunks of a stage', () => {
  it('goes on while the round is in the stage', async () => {
    const roundId = await storeRound(db.connection, 'self-play', null);
    expect(await stopBetweenChunks(deps, roundId, 'self-play', running)).toBeNull();
  });

  it('retries when the lease is lost or the process stops, whatever the round', async () => {
    const roundId = await storeRound(db.connection, 'self-play', null);
    const stopping = new AbortController();
    stopping.abort();
    expect(
      await stopBetweenChunks(deps, roundId, 'self-play', jobContext(stopping.signal)),
    ).toEqual({ status: 'retry', error: 'interrupted between chunks' });
  });

  it('ends the job when the round left the stage, naming where it is, or that it is gone', async () => {
    const paused = await storeRound(db.connection, 'paused', null);
    expect(await stopBetweenChunks(deps, paused, 'self-play', running)).toEqual({
      status: 'done',
      result: { stopped: 'paused' },
    });
    const ranking = await storeRound(db.connection, 'ranking', null);
    expect(await stopBetweenChunks(deps, ranking, 'self-play', running)).toEqual({
      status: 'done',
      result: { stopped: 'ranking' },
    });
    const missing = new Types.ObjectId().toHexString();
    expect(await stopBetweenChunks(deps, missing, 'self-play', running)).toEqual({
      status: 'done',
      result: { stopped: 'gone' },
    });
  });
});

describe('the Alice oracles and annotators meet after self-play', () => {
  it('is the RL-trained one of a learning round, the starting one of a frozen round', async () => {
    const versions = { alice: 'start-alice', bob: 'start-bob', expert: 'start-expert' };
    const learning = await storeRound(db.connection, 'ranking', null);
    const round = await readRound(db.connection, learning);
    expect(aliceAfterSelfPlay({ ...round, aliceLearning: 'rl' }, versions)).toBe(
      `${learning}-alice-rl`,
    );
    expect(rlAliceVersion(learning)).toBe(`${learning}-alice-rl`);
    expect(aliceAfterSelfPlay({ ...round, aliceLearning: 'frozen' }, versions)).toBe('start-alice');
  });
});
