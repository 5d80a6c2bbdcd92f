import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type {
  BodyOf,
  ParamsOf,
  QueryOf,
  ResponseOf,
  RouteAccess,
  RouteContract,
} from '../../shared/contracts/route';
import type { SessionUser } from '../../platform/auth/sessionUser';
import { requirePermission, requireSignedIn } from '../auth/guards';

/** What a route's handler gets: its validated input and who calls (null on a public route). */
export interface RouteInput<C> {
  params: ParamsOf<C>;
  query: QueryOf<C>;
  body: BodyOf<C>;
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

function inputOf<C extends RouteContract>(contract: C, req: Request): RouteInput<C> {
  return {
    params: contract.params?.parse(req.params) as ParamsOf<C>,
    query: contract.query?.parse(req.query) as QueryOf<C>,
    body: contract.body?.parse(req.body) as BodyOf<C>,
    user: req.user ?? null,
  };
}

/** Middleware a route adds around its contract's access guard. */
export interface ServeOptions {
  /** Middleware that runs before the guard (e.g. a rate limit of a public route). */
  before?: RequestHandler[];
  /** Middleware that runs after the guard, before validation (a refusal whatever the input). */
  after?: RequestHandler[];
}

function register(
  router: Router,
  contract: RouteContract,
  options: ServeOptions,
  handler: (req: Request, res: Response, next: NextFunction) => Promise<void>,
): void {
  router[contract.method](
    mounted(contract.path),
    ...(options.before ?? []),
    ...guardOf(contract.access),
    ...(options.after ?? []),
    handler,
  );
}

/**
 * Registers a route from its contract: the method and path, the access guard, validation of
 * params, query and body by the contract's schemas (a ZodError is a 400 by the error
 * middleware), and the success status with the handler's JSON, which must be of the contract's
 * response type. The handler gets the response too, for headers and cookies only (a session's
 * sign-in or sign-out); it must not answer itself.
 */
export function serve<C extends RouteContract>(
  router: Router,
  contract: C,
  handler: (
    input: RouteInput<C>,
    req: Request,
    res: Response,
    next: NextFunction,
  ) => Promise<ResponseOf<C>>,
  options: ServeOptions = {},
): void {
  register(router, contract, options, async (req, res, next) => {
    const result = await handler(inputOf(contract, req), req, res, next);
    res.status(contract.success.status).json(result);
  });
}

/**
 * Registers a route that answers by itself — a stream, text, or a status that depends on the
 * outcome — from its contract: the method and path and the access guard. The handler validates
 * with the contract's schemas where a route words its own errors, and writes the answer in the
 * contract's `success` media type.
 */
export function serveRaw(
  router: Router,
  contract: RouteContract,
  handler: (req: Request, res: Response) => Promise<void>,
  options: ServeOptions = {},
): void {
  register(router, contract, options, (req, res) => handler(req, res));
}

/** The signed-in caller of a guarded route (the guard has already refused anyone else). */
export function callerOf(input: { user: SessionUser | null }): SessionUser {
  if (input.user === null) {
    throw new Error('a guarded route ran without a signed-in user');
  }
  return input.user;
}
