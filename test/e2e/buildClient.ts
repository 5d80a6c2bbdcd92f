import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * The e2e suite drives the built client as `npm start` serves it (server/app.ts serves
 * client/dist), so it builds it once per run, before any test starts a server.
 */
export default async function setup(): Promise<void> {
  const started = Date.now();
  await build({
    configFile: fileURLToPath(new URL('../../client/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
  console.log(`[e2e] client built in ${Date.now() - started} ms`);
}
