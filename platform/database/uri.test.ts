import { describe, expect, it } from 'vitest';
import { maskUri } from './uri';

describe('maskUri', () => {
  it('hides the password and keeps the rest', () => {
    expect(maskUri('mongodb://ann:s3cr@t@db.example:27017/parley?authSource=admin')).toBe(
      'mongodb://ann:***@db.example:27017/parley?authSource=admin',
    );
    expect(maskUri('mongodb+srv://ann:pw@cluster0.example/')).toBe(
      'mongodb+srv://ann:***@cluster0.example/',
    );
  });

  it('leaves URIs without a password alone', () => {
    expect(maskUri('mongodb://127.0.0.1:27017/')).toBe('mongodb://127.0.0.1:27017/');
    expect(maskUri('mongodb://ann@db.example/')).toBe('mongodb://ann@db.example/');
  });
});
