import { Router, type RequestHandler } from 'express';
import type { Connection } from 'mongoose';
import { authRoutes } from '../../shared/contracts/authRoutes';
import { signIn } from '../../platform/auth/signIn';
import { toSessionUser } from '../../platform/auth/sessionUser';
import { AccountBlockedError, StudyClosedError } from '../../platform/errors';
import { presentUser } from '../../platform/users/userPresenter';
import { findOrCreateStudyWorker, recordLogin } from '../../platform/users/userService';
import { findStudy } from '../../platform/studies/studyModel';
import { serve } from '../http/serve';

/**
 * `POST /study/enter { studyId, externalWorkerId }` (`shared/contracts/authRoutes.ts`): a crowd
 * worker arriving from a study link (Prolific/MTurk style) gets a worker account for this study,
 * created on first entry, and is signed in. Only open studies admit workers.
 */
export function studyRouter(connection: Connection, rateLimit?: RequestHandler): Router {
  const router = Router();
  serve(
    router,
    authRoutes.studyEnter,
    async ({ body }, req) => {
      const study = await findStudy(connection, body.studyId);
      if (study === null || !study.open) {
        throw new StudyClosedError(`There is no open study "${body.studyId}".`);
      }
      const user = await findOrCreateStudyWorker(connection, body);
      if (user.blocked) {
        throw new AccountBlockedError();
      }
      await signIn(req, toSessionUser(user));
      await recordLogin(connection, user._id);
      return { user: presentUser(user) };
    },
    { before: rateLimit === undefined ? [] : [rateLimit] },
  );
  return router;
}
