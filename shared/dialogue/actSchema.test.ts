import { describe, expect, it } from 'vitest';
import { actSchema } from './actSchema';

describe('actSchema', () => {
  it('reads each act type by its `type`', () => {
    expect(actSchema.parse({ type: 'propose', allocation: [1, 2, 0] })).toEqual({
      type: 'propose',
      allocation: [1, 2, 0],
    });
    expect(actSchema.parse({ type: 'agree' })).toEqual({ type: 'agree' });
    expect(actSchema.parse({ type: 'statePreference', item: 2, priority: 'low' })).toEqual({
      type: 'statePreference',
      item: 2,
      priority: 'low',
    });
    expect(actSchema.safeParse({ type: 'shout' }).success).toBe(false);
  });

  it('takes whole amounts from 0 up and refuses negative or fractional ones', () => {
    expect(actSchema.safeParse({ type: 'insist', allocation: [0, 3, 1] }).success).toBe(true);
    expect(actSchema.safeParse({ type: 'propose', allocation: [-1, 0, 0] }).success).toBe(false);
    expect(actSchema.safeParse({ type: 'propose', allocation: [0.5, 0, 0] }).success).toBe(false);
  });

  it('takes items numbered from 0 up and refuses a negative item', () => {
    const state = (item: number) => ({ type: 'statePreference', item, priority: 'high' });
    expect(actSchema.safeParse(state(0)).success).toBe(true);
    expect(actSchema.safeParse(state(1)).success).toBe(true);
    expect(actSchema.safeParse(state(-1)).success).toBe(false);
  });

  it('is strict: an act carries nothing else', () => {
    expect(actSchema.safeParse({ type: 'agree', note: 'fine' }).success).toBe(false);
  });
});
