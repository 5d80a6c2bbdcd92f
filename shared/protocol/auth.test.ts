import { describe, expect, it } from 'vitest';
import { passwordProblem } from './auth';

describe('passwordProblem', () => {
  it('accepts long passphrases', () => {
    expect(passwordProblem('correct horse battery staple', 'alice')).toBeNull();
    expect(passwordProblem('x'.repeat(11) + 'y', 'alice')).toBeNull();
    // Both limits are inclusive: 12 and 256 characters.
    expect(passwordProblem('x'.repeat(255) + 'y', 'alice')).toBeNull();
    expect(passwordProblem('x'.repeat(256) + 'y', 'alice')).toMatch(/at most 256/);
  });

  it('refuses short, overlong, username-bearing, common and one-character passwords', () => {
    expect(passwordProblem('short pass1', 'alice')).toMatch(/at least 12/);
    expect(passwordProblem('a'.repeat(257) + 'b', 'alice')).toMatch(/at most 256/);
    expect(passwordProblem('my-Alice-password', 'alice')).toMatch(/username/);
    expect(passwordProblem('Password1234', 'bob')).toMatch(/easy to guess/);
    expect(passwordProblem('zzzzzzzzzzzzzz', 'bob')).toMatch(/easy to guess/);
  });
});
