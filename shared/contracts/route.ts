import type { z } from 'zod';
import type { Permission } from '../protocol/roles';

/** Who may call a route: anyone, any signed-in user, or the holders of a permission. */
export type RouteAccess = 'public' | 'signedIn' | Permission;

export type RouteMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A REST route as data: what the server registers, OpenAPI lists and the client calls. */
export interface RouteSpec {
  method: RouteMethod;
  /** Express-style path under the server root (`/api/rounds/:roundId`). */
  path: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body's media type when it is not JSON (e.g. JSONL imports). */
  bodyType?: string;
  /** The success status and its media type. */
  success: { status: number; description: string; type?: string };
}

/**
 * One REST route, described once: the server registers and validates it from this
 * (`server/http/serve.ts`), the OpenAPI document is built from it, and the web client calls it
 * through it (`client/src/api/call.ts`), typed by `Response`.
 */
export type RouteContract<Spec extends RouteSpec = RouteSpec, Response = unknown> = Spec & {
  /** Types only: what a success answers with. Never set at run time. */
  readonly response?: Response;
};

/**
 * A contract whose success answers with `Response` (a JSON body), written
 * `route<{ round: RoundView }>()({ ... })`: the first call fixes the response type, the second
 * keeps the spec's own schema types.
 */
export function route<Response>() {
  return <const Spec extends RouteSpec>(spec: Spec): RouteContract<Spec, Response> => spec;
}

type Part<C, K extends 'params' | 'query' | 'body', Side extends 'in' | 'out'> = C extends {
  [key in K]: infer S extends z.ZodType;
}
  ? Side extends 'in'
    ? z.input<S>
    : z.output<S>
  : undefined;

/** The validated params, query and body a handler receives. */
export type ParamsOf<C> = Part<C, 'params', 'out'>;
export type QueryOf<C> = Part<C, 'query', 'out'>;
export type BodyOf<C> = Part<C, 'body', 'out'>;
/** What a caller sends (before validation: e.g. a query's numbers as strings are fine). */
export type ParamsIn<C> = Part<C, 'params', 'in'>;
export type QueryIn<C> = Part<C, 'query', 'in'>;
export type BodyIn<C> = Part<C, 'body', 'in'>;
export type ResponseOf<C> = C extends { readonly response?: infer R } ? R : never;

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
