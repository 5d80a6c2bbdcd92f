import { Router } from 'express';
import { openApiDocument } from './openApiDocument';

/** `GET /docs`: the OpenAPI document, built once (it depends only on code). */
export function openApiRouter(): Router {
  const router = Router();
  let document: ReturnType<typeof openApiDocument> | null = null;
  router.get('/docs', (_req, res) => {
    document ??= openApiDocument();
    res.json(document);
  });
  return router;
}
