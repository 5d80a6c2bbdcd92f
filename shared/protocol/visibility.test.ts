import { describe, expect, it } from 'vitest';
import { mayView, seesEveryOwner } from './visibility';

describe('the visibility rule', () => {
  it('shows users what they own and admins everything, including what no one owns', () => {
    const researcher = { id: 'r1', roles: ['researcher'] as const };
    const admin = { id: 'a1', roles: ['admin'] as const };
    expect(mayView(researcher, 'r1')).toBe(true);
    expect(mayView(researcher, 'r2')).toBe(false);
    expect(mayView(researcher, null)).toBe(false);
    expect(mayView({ id: '', roles: ['researcher'] }, '')).toBe(false);
    expect([mayView(admin, 'r2'), mayView(admin, null), seesEveryOwner(admin)]).toEqual([
      true,
      true,
      true,
    ]);
    expect(seesEveryOwner({ id: 'x', roles: ['reviewer', 'researcher'] })).toBe(false);
  });
});
