import { hash, verify } from "@node-rs/argon2";

/**
 * Password hashing with argon2id (the package's default algorithm) at the OWASP-recommended
 * minimum cost: 19 MiB of memory, 2 passes, 1 lane (about 20-40 ms on a server core).
 */
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/**
 * Spends the same time as a real check when there is no account (or no password), so response
 * times do not tell whether an address is registered.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("vicinato-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
  return false;
}
