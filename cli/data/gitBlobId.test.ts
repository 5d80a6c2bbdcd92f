import { describe, expect, it } from 'vitest';
import { gitBlobId } from './gitBlobId';

describe('gitBlobId', () => {
  it('gives the ids git gives', () => {
    // `printf '' | git hash-object --stdin` and `printf 'hello\n' | git hash-object --stdin`
    expect(gitBlobId(new Uint8Array())).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    expect(gitBlobId(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });
});
