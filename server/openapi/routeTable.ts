import { authRoutes } from '../../shared/contracts/authRoutes';
import { datasetRoutes } from '../../shared/contracts/datasetRoutes';
import { goldTaskRoutes } from '../../shared/contracts/goldTaskRoutes';
import { reviewRoutes } from '../../shared/contracts/reviewRoutes';
import { userRoutes } from '../../shared/contracts/userRoutes';
import { roundActionRoutes, roundRoutes } from '../../shared/contracts/roundRoutes';
import type { RouteContract } from '../../shared/contracts/route';
import { studyRoutes } from '../../shared/contracts/studyRoutes';
import { systemRoutes } from '../../shared/contracts/systemRoutes';

export type { RouteAccess } from '../../shared/contracts/route';
/** A route as the OpenAPI document describes it: its contract, whatever its types. */
export type RouteDoc = RouteContract;

/**
 * Every REST route, as the OpenAPI document (`GET /api/docs`) describes it: the contracts of
 * shared/contracts/, which the routers register and validate with, so the document cannot drift
 * from them; test/security/openApi.test.ts fails when the Express app registers a route missing
 * here.
 */
export const routeTable: readonly RouteDoc[] = [
  systemRoutes.health,
  systemRoutes.docs,
  ...Object.values(authRoutes),
  ...Object.values(roundRoutes),
  ...Object.values(roundActionRoutes),
  ...Object.values(studyRoutes),
  ...Object.values(datasetRoutes),
  ...Object.values(reviewRoutes),
  ...Object.values(userRoutes),
  ...Object.values(goldTaskRoutes),
  systemRoutes.metrics,
];
