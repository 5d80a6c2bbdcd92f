/**
 * A tiny HTTP client that keeps the session cookie like a browser would, and sends Parley's
 * CSRF header on writes unless told not to.
 */
export class HttpClient {
  cookie: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; csrf?: boolean } = {},
  ): Promise<{ status: number; body: unknown; setCookie: string | null }> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    if (method !== 'GET' && options.csrf !== false) {
      headers['x-parley-csrf'] = '1';
    }
    if (this.cookie !== null) {
      headers.cookie = this.cookie;
    }
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie !== null) {
      this.cookie = setCookie.split(';')[0] ?? null;
    }
    const text = await res.text();
    return {
      status: res.status,
      body: text === '' ? null : (JSON.parse(text) as unknown),
      setCookie,
    };
  }

  /**
   * Any request with its answer as text: JSONL imports (`jsonl`) and exports, Prometheus text.
   * JSON bodies go through `request`.
   */
  async raw(
    method: string,
    path: string,
    options: { body?: unknown; jsonl?: string } = {},
  ): Promise<{ status: number; type: string | null; text: string }> {
    const headers: Record<string, string> = {};
    if (options.jsonl !== undefined) {
      headers['content-type'] = 'application/x-ndjson';
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    if (method !== 'GET') {
      headers['x-parley-csrf'] = '1';
    }
    if (this.cookie !== null) {
      headers.cookie = this.cookie;
    }
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body:
        options.jsonl ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, { headers });
  }

  post(
    path: string,
    body?: unknown,
    options: { headers?: Record<string, string>; csrf?: boolean } = {},
  ) {
    return this.request('POST', path, { body, ...options });
  }

  /** Signs in with a username and password; throws unless it worked. */
  async login(username: string, password: string): Promise<void> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status !== 200) {
      throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
}

export function errorCode(body: unknown): string | undefined {
  return (body as { error?: { code?: string } } | null)?.error?.code;
}
