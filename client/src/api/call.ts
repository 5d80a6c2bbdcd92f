import { pathOf, type RouteContract } from '../../../shared/contracts/route';
import { api, queryString } from './http';

type Scalar = string | number | boolean | null | undefined;

/** What a call sends: the contract's params, query and body, each where the route has one. */
export type CallInput<Params, Query, Body> = (Params extends undefined
  ? { params?: undefined }
  : { params: Params }) &
  (Query extends undefined ? { query?: undefined } : { query: Query }) &
  (Body extends undefined ? { body?: undefined } : { body: Body });

/**
 * Calls a REST route through its contract (`shared/contracts/`): the path with its parameters,
 * the query string, the JSON body, and the answer typed as the contract says — no casts.
 */
export function call<Params, Query, Body, Result>(
  contract: RouteContract<Params, Query, Body, Result>,
  input: CallInput<Params, Query, Body>,
): Promise<Result> {
  const path = pathOf(contract.path, input.params as Record<string, string> | undefined).replace(
    /^\/api/,
    '',
  );
  const query = input.query === undefined ? '' : queryString(input.query as Record<string, Scalar>);
  const method = contract.method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE';
  return api<Result>(method, `${path}${query}`, input.body);
}
