import {
  pathOf,
  type BodyIn,
  type ParamsIn,
  type QueryIn,
  type ResponseOf,
  type RouteContract,
} from '../../../shared/contracts/route';
import { api, queryString } from './http';

type Slot<K extends string, T> = T extends undefined
  ? { [key in K]?: undefined }
  : { [key in K]: T };

/** What a call sends: the contract's params, query and body, each where the route has one. */
export type CallInput<C> = Slot<'params', ParamsIn<C>> &
  Slot<'query', QueryIn<C>> &
  Slot<'body', BodyIn<C>>;

/**
 * Calls a REST route through its contract (`shared/contracts/`): the path with its parameters,
 * the query string, the JSON body, and the answer typed as the contract says — no casts.
 */
export function call<C extends RouteContract>(
  contract: C,
  input: CallInput<C>,
): Promise<ResponseOf<C>> {
  const params = input.params as Record<string, string> | undefined;
  const path = pathOf(contract.path, params).replace(/^\/api/, '');
  const query = input.query === undefined ? '' : queryString(input.query);
  const method = contract.method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE';
  return api<ResponseOf<C>>(method, `${path}${query}`, input.body);
}
