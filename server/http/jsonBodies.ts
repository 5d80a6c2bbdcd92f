import express, { type RequestHandler } from 'express';

/**
 * Routes that read their request body themselves, so the JSON parser must leave it alone: the
 * dataset import streams JSONL line by line and answers a JSON body with 415
 * (server/datasets/datasetRoutes.ts).
 */
export const ownBodyPaths: readonly string[] = ['/api/datasets/import'];

/** Parses JSON request bodies of at most `limit`, except on `ownBodyPaths`. */
export function jsonBodies(limit: string): RequestHandler {
  const json = express.json({ limit });
  return (req, res, next) => {
    const path = req.path.replace(/\/+$/, '').toLowerCase();
    if (ownBodyPaths.includes(path)) {
      next();
      return;
    }
    json(req, res, next);
  };
}
