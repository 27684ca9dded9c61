import argon2 from "argon2";

/**
 * argon2id with OWASP's lighter equivalent setting (19 MiB, 2 passes): strong enough for login
 * passwords while a county's morning rush of logins on two cores stays quick.
 */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, ARGON2_OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the username is unknown, so timing does not reveal which usernames exist. */
let dummyHash: Promise<string> | null = null;
export const spendVerifyTime = async (password: string): Promise<void> => {
  dummyHash ??= hashPassword("no-such-user-placeholder");
  await verifyPassword(await dummyHash, password);
};
