import argon2 from 'argon2';

/**
 * argon2id with the library's defaults (64 MiB, 3 passes): argon2 ships prebuilt binaries in
 * its npm package, so it loads without install scripts. Hashes carry their own parameters, so
 * stronger settings later still verify old hashes.
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A malformed stored hash verifies nothing.
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the time of one verification, so that "no such user" and "wrong password" take as long
 * as each other and usernames cannot be probed by timing.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('parley-timing-equaliser');
  await verifyPassword(await dummyHash, password);
  return false;
}
