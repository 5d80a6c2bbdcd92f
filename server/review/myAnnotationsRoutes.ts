import { Router } from 'express';
import type { Connection } from 'mongoose';
import { myAnnotationsQuerySchema } from '../../shared/protocol/review';
import { requirePermission } from '../auth/guards';
import { listMyAnnotations } from '../../platform/review/myAnnotations';

/** `GET /my/annotations`: the signed-in annotator's own annotations with their reviews. */
export function myAnnotationsRouter(connection: Connection): Router {
  const router = Router();
  router.get('/my/annotations', requirePermission('annotate'), async (req, res) => {
    const query = myAnnotationsQuerySchema.parse(req.query);
    res.json(await listMyAnnotations(connection, (req.user as Express.User).id, query));
  });
  return router;
}
