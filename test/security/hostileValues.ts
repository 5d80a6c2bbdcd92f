import fc from 'fast-check';

/** Values that break naive servers: operators, pollution keys, wrong types, odd sizes. */
export const hostileValues: unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  { $regex: '.*' },
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  { constructor: { prototype: { polluted: true } } },
  null,
  true,
  0,
  -1,
  1e308,
  3.5,
  '',
  '__proto__',
  'x'.repeat(5_000),
  [],
  [{ $gt: '' }],
  [1, 2, 3],
  {},
  { a: { b: { c: { d: { e: {} } } } } },
];

export const hostileValue = fc.oneof(
  fc.constantFrom(...hostileValues),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
);

/** Pollution keys at the top of an object (JSON text keeps `__proto__` an own key). */
const polluted = fc.constantFrom(
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  { constructor: { prototype: { polluted: true } } },
  { prototype: { polluted: true } },
);

/**
 * Payloads derived from a valid template: one field replaced by a hostile value, a field
 * removed, a pollution or operator key added; or something unrelated altogether.
 */
export function hostilePayload(template: Record<string, unknown> | null): fc.Arbitrary<unknown> {
  const unrelated = fc.oneof(hostileValue, fc.jsonValue({ maxDepth: 3 }), polluted);
  if (template === null || Object.keys(template).length === 0) {
    return unrelated;
  }
  const keys = Object.keys(template);
  return fc.oneof(
    unrelated,
    fc
      .tuple(fc.constantFrom(...keys), hostileValue)
      .map(([key, value]) => ({ ...template, [key]: value })),
    fc.constantFrom(...keys).map((key) => {
      const copy = { ...template };
      delete copy[key];
      return copy;
    }),
    fc
      .tuple(fc.constantFrom('__proto__', 'constructor', '$where', '$set', 'admin'), hostileValue)
      .map(([key, value]) => {
        const copy: Record<string, unknown> = { ...template };
        Object.defineProperty(copy, key, {
          value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
        return copy;
      }),
  );
}
