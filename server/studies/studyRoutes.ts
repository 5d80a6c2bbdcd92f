import { Router, type RequestHandler } from 'express';
import type { Connection } from 'mongoose';
import { studyEnterBodySchema } from '../../shared/protocol/auth';
import { signIn } from '../../platform/auth/signIn';
import { toSessionUser } from '../../platform/auth/sessionUser';
import { AccountBlockedError, StudyClosedError } from '../../platform/errors';
import { presentUser } from '../../platform/users/userPresenter';
import { findOrCreateStudyWorker, recordLogin } from '../../platform/users/userService';
import { findStudy } from '../../platform/studies/studyModel';

/**
 * `POST /study/enter { studyId, externalWorkerId }`: a crowd worker arriving from a study link
 * (Prolific/MTurk style) gets a worker account for this study, created on first entry, and is
 * signed in. Only open studies admit workers.
 */
export function studyRouter(connection: Connection, rateLimit?: RequestHandler): Router {
  const router = Router();
  const limited: RequestHandler = rateLimit ?? ((_req, _res, next) => next());
  router.post('/study/enter', limited, async (req, res) => {
    const body = studyEnterBodySchema.parse(req.body);
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
    res.json({ user: presentUser(user) });
  });
  return router;
}
