import { Router } from 'express';
import { systemRoutes } from '../../shared/contracts/systemRoutes';
import { serve } from '../http/serve';
import { openApiDocument } from './openApiDocument';

/**
 * `GET /docs` (`shared/contracts/systemRoutes.ts`): the OpenAPI document, built once (it depends
 * only on code).
 */
export function openApiRouter(): Router {
  const router = Router();
  let document: ReturnType<typeof openApiDocument> | null = null;
  serve(router, systemRoutes.docs, () => {
    document ??= openApiDocument();
    return Promise.resolve(document);
  });
  return router;
}
