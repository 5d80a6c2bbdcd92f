import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { trackInFlightRequests } from './inFlightRequests';

let server: http.Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

describe('trackInFlightRequests', () => {
  it('waits for a handler whose client went away, until it ends its response', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let arrived = () => {};
    const started = new Promise<void>((resolve) => (arrived = resolve));
    let finished = false;
    server = http.createServer((_req, res) => {
      arrived();
      // The handler still works (on the database, in the platform) after the client left.
      void gate.then(() => {
        finished = true;
        res.end('late');
      });
    });
    const requests = trackInFlightRequests(server);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = http.get({ port, host: '127.0.0.1', path: '/api/slow' });
    client.on('error', () => {}); // aborted below on purpose
    await started;
    client.destroy();
    expect(requests.count()).toBe(1);

    let idle = false;
    const waiting = requests.idle(60_000).then((value) => (idle = value));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    release();
    expect(await waiting).toBe(true);
    expect(finished).toBe(true);
    expect(requests.count()).toBe(0);
  });

  it('gives up after the timeout on a handler that never ends', async () => {
    server = http.createServer(() => {});
    const requests = trackInFlightRequests(server);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = http.get({ port, host: '127.0.0.1', path: '/' });
    client.on('error', () => {});
    await expect.poll(() => requests.count(), { timeout: 30_000 }).toBe(1);
    expect(await requests.idle(10)).toBe(false);
    client.destroy();
  });
});
