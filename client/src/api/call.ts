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

/** A route whose body is not JSON (`bodyType`, e.g. a JSONL import) takes it as it is. */
type Upload<C> = C extends { bodyType: string }
  ? { upload: Blob | string }
  : { upload?: undefined };

/** What a call sends: the contract's params, query and body, each where the route has one. */
export type CallInput<C> = Slot<'params', ParamsIn<C>> &
  Slot<'query', QueryIn<C>> &
  Slot<'body', BodyIn<C>> &
  Upload<C>;

/** The address of a route with its params and query (`/api/…?…`). */
export function hrefOf<C extends RouteContract>(
  contract: C,
  input: Slot<'params', ParamsIn<C>> & Slot<'query', QueryIn<C>>,
): string {
  const params = input.params as Record<string, string> | undefined;
  const query = input.query === undefined ? '' : queryString(input.query);
  return `${pathOf(contract.path, params)}${query}`;
}

/**
 * Calls a REST route through its contract (`shared/contracts/`): the path with its parameters,
 * the query string, the JSON body (or the upload, in the contract's `bodyType`), and the answer
 * typed as the contract says — no casts.
 */
export function call<C extends RouteContract>(
  contract: C,
  input: CallInput<C>,
): Promise<ResponseOf<C>> {
  const path = hrefOf(contract, input).replace(/^\/api/, '');
  const method = contract.method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const upload =
    contract.bodyType === undefined || input.upload === undefined
      ? undefined
      : { contentType: contract.bodyType, body: input.upload };
  return api<ResponseOf<C>>(method, path, input.body, upload);
}
