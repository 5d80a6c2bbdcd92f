import { Router } from 'express';
import type { Connection } from 'mongoose';
import { reviewRoutes } from '../../shared/contracts/reviewRoutes';
import { listMyAnnotations } from '../../platform/review/myAnnotations';
import { callerOf, serve } from '../http/serve';

/** `GET /my/annotations`: the signed-in annotator's own annotations with their reviews. */
export function myAnnotationsRouter(connection: Connection): Router {
  const router = Router();
  serve(router, reviewRoutes.myAnnotations, async (input) =>
    listMyAnnotations(connection, callerOf(input).id, input.query),
  );
  return router;
}
