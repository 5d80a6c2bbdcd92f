import type { ErrorBody, ErrorCode } from '../../../shared/protocol/errorCodes';

/** An error answered by the API (`{ error: { code, message } }`) or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * JSON over fetch with the session cookie. Every write carries `X-Parley-CSRF`: the server
 * refuses cookie-authenticated writes without it (server/auth/crossOrigin.ts), and a page of
 * another site cannot set it, so there is no token to fetch or store.
 */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  /** A body sent as it is (a JSONL upload) with its media type, instead of JSON. */
  raw?: { contentType: string; body: Blob | string },
) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    headers['x-parley-csrf'] = '1';
  }
  if (body !== undefined || raw !== undefined) {
    headers['content-type'] = raw?.contentType ?? 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: raw !== undefined ? raw.body : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'network', `The server cannot be reached (${String(error)}).`);
  }
  const text = await res.text();
  const json: unknown = text === '' ? null : JSON.parse(text);
  if (!res.ok) {
    const error = (json as { error?: ErrorBody } | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? 'internal',
      error?.message ?? `The server answered ${res.status}.`,
      error?.details,
    );
  }
  return json as T;
}

/** A query string from the defined, non-empty filters (`?a=1&b=x`, or ''). */
export function queryString(params: Record<string, string | number | boolean | null | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
