/**
 * The MongoDB release that introduced each wire protocol version (the drivers' table). A server
 * speaks the protocol of its `maxWireVersion`, whatever version string `buildInfo` claims:
 * mongo-java-server says "5.0.0" but speaks wire version 8, MongoDB 4.2's.
 */
const releases: readonly [wire: number, mongodb: string][] = [
  [6, '3.6'],
  [7, '4.0'],
  [8, '4.2'],
  [9, '4.4'],
  [13, '5.0'],
  [14, '5.1'],
  [15, '5.2'],
  [16, '5.3'],
  [17, '6.0'],
  [18, '6.1'],
  [19, '6.2'],
  [20, '6.3'],
  [21, '7.0'],
  [22, '7.1'],
  [23, '7.2'],
  [24, '7.3'],
  [25, '8.0'],
];

/** The MongoDB version whose protocol a wire version is, e.g. 8 → "4.2" ("≥ 8.0" past the table). */
export function mongodbVersionOfWire(wireVersion: number): string {
  const newest = releases.at(-1)!;
  if (wireVersion > newest[0]) {
    return `≥ ${newest[1]}`;
  }
  let version = `< ${releases[0]![1]}`;
  for (const [wire, mongodb] of releases) {
    if (wire <= wireVersion) {
      version = mongodb;
    }
  }
  return version;
}
