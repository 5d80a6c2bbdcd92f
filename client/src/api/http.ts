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
export async function api<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    headers['x-parley-csrf'] = '1';
  }
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
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
