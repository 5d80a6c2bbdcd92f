import type { Connection } from 'mongoose';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../shared/protocol/ack';
import type { TaskView } from '../../shared/protocol/annotation';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../shared/protocol/socketContract';
import { createTestUser } from './factories';
import { HttpClient } from './httpClient';

export type AnnotateClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io-client on `/annotate`, authenticated by a session cookie or an API token. */
export function connectAnnotate(
  baseUrl: string,
  auth: { cookie?: string | null; token?: string; origin?: string } = {},
): Promise<AnnotateClient> {
  const headers: Record<string, string> = {};
  if (auth.cookie) {
    headers.cookie = auth.cookie;
  }
  if (auth.origin !== undefined) {
    headers.origin = auth.origin;
  }
  const socket: AnnotateClient = io(`${baseUrl}/annotate`, {
    transports: ['websocket'],
    extraHeaders: headers,
    auth: auth.token === undefined ? {} : { token: auth.token },
    forceNew: true,
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Emits an event and resolves with its ack (any payload: tests send malformed ones too). */
export function request<T = unknown>(
  socket: AnnotateClient,
  event: keyof ClientToServerEvents,
  payload?: unknown,
): Promise<Ack<T>> {
  return (
    socket.timeout(30_000) as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<Ack<T>>;
    }
  ).emitWithAck(event, payload);
}

export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: AnnotateClient,
  event: E,
  timeoutMs = 60_000, // generous: a loaded machine is several times slower
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${event} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    (socket as unknown as { once(e: string, l: (v: unknown) => void): void }).once(
      event,
      (value) => {
        clearTimeout(timer);
        resolve(value as Parameters<ServerToClientEvents[E]>[0]);
      },
    );
  });
}

/**
 * A new worker account, signed in over HTTP, with its `/annotate` socket (kept in `sockets` for
 * the caller to close).
 */
export async function signedInWorkerSocket(
  connection: Connection,
  baseUrl: string,
  sockets: AnnotateClient[],
): Promise<{ socket: AnnotateClient; userId: string; cookie: string }> {
  const user = await createTestUser(connection, ['worker']);
  const http = new HttpClient(baseUrl);
  await http.login(user.username, user.password);
  const socket = await connectAnnotate(baseUrl, { cookie: http.cookie });
  sockets.push(socket);
  return { socket, userId: user.id, cookie: http.cookie ?? '' };
}

/** Claims the next task on `socket`; an error ack or an empty queue fails the test. */
export async function claimed(socket: AnnotateClient): Promise<TaskView> {
  const ack = await request<TaskView | null>(socket, 'task:claim', {});
  if (!ack.ok || ack.data === null) {
    throw new Error(`claim failed: ${JSON.stringify(ack)}`);
  }
  return ack.data;
}
