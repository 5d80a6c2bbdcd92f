import { describe, expect, it } from 'vitest';
import { mongodbVersionOfWire } from './wireVersion';

describe('mongodbVersionOfWire', () => {
  it('names the MongoDB release of a wire version', () => {
    expect(mongodbVersionOfWire(8)).toBe('4.2'); // mongo-java-server 1.47
    expect(mongodbVersionOfWire(13)).toBe('5.0');
    expect(mongodbVersionOfWire(21)).toBe('7.0');
    // Development versions between releases speak the earlier release's protocol.
    expect(mongodbVersionOfWire(11)).toBe('4.4');
    expect(mongodbVersionOfWire(30)).toBe('≥ 8.0');
    expect(mongodbVersionOfWire(2)).toBe('< 3.6');
  });
});
