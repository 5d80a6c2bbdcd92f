import type { ErrorBody } from './errorCodes';

/** What every client → server socket event answers through its acknowledgement callback. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export type AckCallback<T> = (response: Ack<T>) => void;
