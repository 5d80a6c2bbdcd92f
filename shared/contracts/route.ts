import type { z } from 'zod';
import type { Permission } from '../protocol/roles';

/** Who may call a route: anyone, any signed-in user, or the holders of a permission. */
export type RouteAccess = 'public' | 'signedIn' | Permission;

export type RouteMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One REST route, described once: the server registers and validates it from this, the OpenAPI
 * document is built from it, and the web client calls it through it (typed by `Response`).
 */
export interface RouteContract<
  Params = unknown,
  Query = unknown,
  Body = unknown,
  Response = unknown,
> {
  method: RouteMethod;
  /** Express-style path under the server root (`/api/rounds/:roundId`). */
  path: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  params?: z.ZodType<Params>;
  query?: z.ZodType<Query>;
  body?: z.ZodType<Body>;
  /** The body's media type when it is not JSON (e.g. JSONL imports). */
  bodyType?: string;
  /** The success status and its media type. */
  success: { status: number; description: string; type?: string };
  /** Types only: what a success answers with. Never set at run time. */
  readonly response?: Response;
}

/**
 * A contract whose success answers with `Response` (a JSON body). Written
 * `route<{ round: RoundView }>()({ ... })`: the first call fixes the response type, the second
 * infers params, query and body from their schemas.
 */
export function route<Response>() {
  return <Params = undefined, Query = undefined, Body = undefined>(
    contract: Omit<RouteContract<Params, Query, Body, Response>, 'response'>,
  ): RouteContract<Params, Query, Body, Response> => contract;
}

/** A route's path with its `:name` parameters filled in (each URI-encoded). */
export function pathOf(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) {
      throw new RangeError(`the path ${path} needs :${name}`);
    }
    return encodeURIComponent(value);
  });
}
