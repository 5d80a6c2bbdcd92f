import type { Connection } from 'mongoose';
import { annotationModel } from '../annotation/annotationModel';
import { apiTokenModel } from '../auth/apiTokenModel';
import { goldSpecModel } from '../quality/goldSpecModel';
import { workerHistoryModel } from '../quality/workerHistory';
import { backfillModel } from './backfills';
import { auditModel } from '../review/auditLog';
import { socketEventModel, socketEventSequenceModel } from '../cluster/socketEventModel';
import { checkpointModel, currentCheckpointModel } from '../checkpoints/checkpointModel';
import { datasetModel } from '../datasets/datasetModel';
import { dialogueModel } from '../dialogues/dialogueModel';
import { jobModel } from '../jobs/jobModel';
import { roundModel } from '../rounds/roundModel';
import { loginFailureModel } from '../security/loginLockout';
import { sessionModel } from '../auth/sessionStore';
import { studyCodeModel, studyModel, studyParticipantModel } from '../studies/studyModel';
import { leasePointerModel, taskQueueModel } from '../tasks/queueModels';
import { taskModel } from '../tasks/taskModel';
import { passwordLinkModel } from '../users/passwordLinkModel';
import { userModel } from '../users/userModel';
import { runnerPresenceModel } from '../jobs/runnerPresence';
import {
  experimentRunModel,
  experimentUnitResultModel,
} from '../experimentRuns/experimentRunModels';

interface PreparableModel {
  modelName: string;
  createCollection(): Promise<unknown>;
  createIndexes(): Promise<unknown>;
}

const namespaceExists = 48;

/**
 * Every model Parley stores, compiled on this connection. Each feature adds its models here,
 * so that `prepareDatabase` creates their collections and indexes before anything writes.
 */
export function parleyModels(connection: Connection): PreparableModel[] {
  return [
    runnerPresenceModel(connection),
    userModel(connection),
    sessionModel(connection),
    apiTokenModel(connection),
    studyModel(connection),
    studyParticipantModel(connection),
    studyCodeModel(connection),
    taskModel(connection),
    taskQueueModel(connection),
    leasePointerModel(connection),
    annotationModel(connection),
    dialogueModel(connection),
    datasetModel(connection),
    jobModel(connection),
    roundModel(connection),
    experimentRunModel(connection),
    experimentUnitResultModel(connection),
    goldSpecModel(connection),
    workerHistoryModel(connection),
    auditModel(connection),
    socketEventModel(connection),
    socketEventSequenceModel(connection),
    loginFailureModel(connection),
    passwordLinkModel(connection),
    checkpointModel(connection),
    currentCheckpointModel(connection),
    backfillModel(connection),
  ];
}

/** Creates the collections and indexes of all of Parley's models; run once at process start. */
export async function prepareDatabase(connection: Connection): Promise<void> {
  await prepareModels(parleyModels(connection));
}

/**
 * Creates each model's collection, then its indexes, one model at a time. Connections are
 * opened with autoCreate/autoIndex off, so nothing creates collections in the background:
 * mongo-java-server can fail when two creations of one collection overlap, and a second
 * process starting at the same moment is retried here rather than crashing.
 */
export async function prepareModels(models: readonly PreparableModel[]): Promise<void> {
  for (const model of models) {
    await withRetries(model.modelName, async () => {
      await model.createCollection().catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== namespaceExists) {
          throw error;
        }
      });
      await model.createIndexes();
    });
  }
}

async function withRetries(what: string, action: () => Promise<void>, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await action();
      return;
    } catch (error) {
      if (attempt >= attempts) {
        throw new Error(`Could not prepare the ${what} collection: ${(error as Error).message}`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
