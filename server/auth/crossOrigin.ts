import type { IncomingHttpHeaders } from 'node:http';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The header Parley's own pages send with every write; browsers never add it cross-site. */
export const csrfHeader = 'x-parley-csrf';

/**
 * CSRF protection for cookie-authenticated writes, without tokens to fetch and store: a write
 * must (1) not come from another site — by the browser's `Sec-Fetch-Site` when it sends it,
 * else by `Origin` against the request's own host — and (2) carry the `X-Parley-CSRF` header,
 * which a cross-site form cannot set and a cross-site `fetch` could set only after a CORS
 * preflight that Parley never grants. Together with `SameSite=Lax` cookies this is OWASP's
 * "custom request header" plus "verify origin with standard headers". API-token requests are
 * exempt: a token is not sent by the browser on its own.
 *
 * Returns why the request is refused, or null.
 */
export function crossSiteWriteProblem(
  method: string,
  headers: IncomingHttpHeaders,
  ownHost: string | undefined,
): string | null {
  if (safeMethods.has(method.toUpperCase())) {
    return null;
  }
  const origin = foreignOriginProblem(headers, ownHost);
  if (origin !== null) {
    return origin;
  }
  if (headers[csrfHeader] === undefined) {
    return `Writes need the ${csrfHeader} header (any value).`;
  }
  return null;
}

/**
 * Why a request (or a socket handshake, which cannot carry custom headers) comes from another
 * site, or null. Requests with neither header come from programs, not browsers.
 */
export function foreignOriginProblem(
  headers: IncomingHttpHeaders,
  ownHost: string | undefined,
): string | null {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `Cross-site request refused (Sec-Fetch-Site: ${String(site)}).`;
  }
  const origin = headers.origin;
  if (origin === undefined) {
    return null;
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return `Cross-site request refused (Origin: ${origin}).`;
  }
  return host === ownHost ? null : `Cross-site request refused (Origin: ${origin}).`;
}
