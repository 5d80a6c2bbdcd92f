import { createHash } from 'node:crypto';

/** The id git gives a file's content (`git hash-object`): SHA-1 of a size header and the bytes. */
export function gitBlobId(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.byteLength}\0`).update(content).digest('hex');
}
