import type { Express } from 'express';

export interface RegisteredRoute {
  method: string;
  /** Express-style path from the server root (`/api/rounds/:roundId`). */
  path: string;
}

interface Layer {
  rawPath?: string;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every route the Express app registered (router 2.x: each layer keeps its `rawPath`), walked
 * through nested routers. Routes with regular-expression paths (the web client's catch-all)
 * are left out: they are not API routes.
 */
export function registeredRoutes(app: Express): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route !== undefined) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          if (typeof path !== 'string') {
            continue;
          }
          for (const [method, on] of Object.entries(layer.route.methods)) {
            if (on && method !== '_all') {
              routes.push({ method: method.toLowerCase(), path: join(prefix, path) });
            }
          }
        }
      } else if (layer.handle?.stack !== undefined) {
        const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '';
        walk(layer.handle.stack, join(prefix, mount));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return routes;
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

export const routeKey = (route: { method: string; path: string }) =>
  `${route.method.toUpperCase()} ${route.path}`;
