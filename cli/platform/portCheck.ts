import net from 'node:net';

/** What a user reads when the platform's port is taken: the variable that moves it. */
export function portInUseMessage(host: string, port: number): string {
  return `port ${port} is in use (on ${host}); set PORT to a free port (e.g. PORT=${port + 1} npx parley start) or stop what listens there`;
}

/**
 * Fails with `portInUseMessage` when something already listens on host:port, so that
 * `parley start` stops before it starts a database or creates demo data. Port 0 (any free
 * port) always passes.
 */
export function ensurePortFree(host: string, port: number): Promise<void> {
  if (port === 0) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(portInUseMessage(host, port))
          : new Error(`cannot listen on ${host}:${port} (${error.message}); set HOST or PORT`),
      );
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
