import type { Request, RequestHandler, Response, Router } from 'express';
import type { RouteAccess, RouteContract } from '../../shared/contracts/route';
import type { SessionUser } from '../../platform/auth/sessionUser';
import { requirePermission, requireSignedIn } from '../auth/guards';

/** What a route's handler gets: its validated input and who calls (null on a public route). */
export interface RouteInput<Params, Query, Body> {
  params: Params;
  query: Query;
  body: Body;
  user: SessionUser | null;
}

/** The router's paths are under `/api` (where the app mounts it). */
const mounted = (path: string) => path.replace(/^\/api(?=\/)/, '');

function guardOf(access: RouteAccess): RequestHandler[] {
  if (access === 'public') {
    return [];
  }
  return [access === 'signedIn' ? requireSignedIn : requirePermission(access)];
}

function inputOf<Params, Query, Body>(
  contract: RouteContract<Params, Query, Body, unknown>,
  req: Request,
): RouteInput<Params, Query, Body> {
  return {
    params: (contract.params?.parse(req.params) ?? undefined) as Params,
    query: (contract.query?.parse(req.query) ?? undefined) as Query,
    body: (contract.body?.parse(req.body) ?? undefined) as Body,
    user: req.user ?? null,
  };
}

/**
 * Registers a route from its contract: the method and path, the access guard, validation of
 * params, query and body by the contract's schemas (a ZodError is a 400 by the error
 * middleware), and the success status with the handler's JSON. The handler's result must be the
 * contract's response type.
 */
export function serve<Params, Query, Body, Result>(
  router: Router,
  contract: RouteContract<Params, Query, Body, Result>,
  handler: (input: RouteInput<Params, Query, Body>, req: Request) => Promise<Result>,
): void {
  router[contract.method](
    mounted(contract.path),
    ...guardOf(contract.access),
    async (req: Request, res: Response) => {
      const result = await handler(inputOf(contract, req), req);
      res.status(contract.success.status).json(result);
    },
  );
}

/** The signed-in caller of a guarded route (the guard has already refused anyone else). */
export function callerOf(input: { user: SessionUser | null }): SessionUser {
  if (input.user === null) {
    throw new Error('a guarded route ran without a signed-in user');
  }
  return input.user;
}
