import type { Namespace } from 'socket.io';
import {
  ClusterAdapterWithHeartbeat,
  type ClusterAdapterOptions,
  type ClusterMessage,
  type ClusterResponse,
} from 'socket.io-adapter';
import type { SocketEventLog, SocketEventReceiver } from './socketEventLog';

/**
 * A Socket.IO cluster adapter over the shared MongoDB message log: room broadcasts, socket
 * joins/leaves and disconnect orders from one server reach the sockets held by the others.
 * The cluster logic (heartbeats, requests and responses) is socket.io-adapter's; this class
 * only carries its messages.
 */
class MongoPollingAdapter extends ClusterAdapterWithHeartbeat implements SocketEventReceiver {
  readonly nspName: string;

  constructor(
    nsp: Namespace,
    private readonly eventLog: SocketEventLog,
    options: ClusterAdapterOptions,
  ) {
    super(nsp, options);
    this.nspName = nsp.name;
    eventLog.register(this);
  }

  get serverUid(): string {
    return this.uid;
  }

  receiveMessage(payload: unknown, offset: string): void {
    this.onMessage(payload as ClusterMessage, offset);
  }

  receiveResponse(payload: unknown): void {
    this.onResponse(payload as ClusterResponse);
  }

  protected override async doPublish(message: ClusterMessage): Promise<string> {
    const n = await this.eventLog.append({
      nsp: this.nspName,
      kind: 'message',
      to: null,
      payload: message,
    });
    return String(n);
  }

  protected override async doPublishResponse(
    requesterUid: string,
    response: ClusterResponse,
  ): Promise<void> {
    await this.eventLog.append({
      nsp: this.nspName,
      kind: 'response',
      to: requesterUid,
      payload: response,
    });
  }

  override close(): void {
    super.close();
    this.eventLog.unregister(this);
  }
}

/**
 * `io.adapter(...)`: Socket.IO constructs one adapter per namespace (with `new`), all sharing
 * this process's log reader.
 */
export function mongoPollingAdapter(eventLog: SocketEventLog, options: ClusterAdapterOptions = {}) {
  return class extends MongoPollingAdapter {
    constructor(nsp: Namespace) {
      super(nsp, eventLog, options);
    }
  };
}
