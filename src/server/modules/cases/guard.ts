import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { chinaToday } from "../../kernel/dates.js";

/**
 * Abuse protection of the public intake without keeping addresses (docs/decisions/0004):
 * the rate limiter is keyed by an HMAC of the client address under a random key that lives only in
 * memory and is replaced every day, and each report carries a light proof of work.
 */
let dayKey = { day: "", key: Buffer.alloc(0) };

/** The rate-limit key of a request: yesterday's keys are gone, so nothing can be matched back later. */
export function clientKey(request: Pick<FastifyRequest, "ip">): string {
  const today = chinaToday();
  if (dayKey.day !== today) dayKey = { day: today, key: randomBytes(32) };
  return createHmac("sha256", dayKey.key).update(request.ip).digest("base64url").slice(0, 22);
}

/**
 * Leading zero bits the client must find: ~65,000 SHA-256 on average, a second or less in a phone's browser.
 * Outside production JIANFU_POW_BITS (8–24) may change it, for the intake bench only (bench/intake.bench.ts):
 * checking costs the server one hash whatever the difficulty, so the bench need not spend minutes solving.
 */
export const POW_BITS = powBitsOf(process.env);

export function powBitsOf(env: NodeJS.ProcessEnv): number {
  const bits = Number(env.JIANFU_POW_BITS);
  return env.NODE_ENV !== "production" && Number.isInteger(bits) && bits >= 8 && bits <= 24 ? bits : 16;
}
const CHALLENGE_MINUTES = 30;

/** Challenges already answered, until they expire, so one answer buys one report. */
const spent = new Map<string, number>();

const sign = (secret: Buffer, payload: string) => createHmac("sha256", secret).update(payload).digest("base64url").slice(0, 22);

/** A stateless challenge: expiry, random salt, and the server's signature over both. */
export function issueChallenge(secret: Buffer, now = Date.now()): string {
  const payload = `${now + CHALLENGE_MINUTES * 60_000}.${randomBytes(12).toString("base64url")}`;
  return `${payload}.${sign(secret, payload)}`;
}

export const leadingZeroBits = (digest: Buffer): number => {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
};

/** One hash and one HMAC: checking costs the server nothing next to finding the nonce. */
export function verifyWork(secret: Buffer, challenge: string, nonce: string, now = Date.now()): boolean {
  const parts = challenge.split(".");
  if (parts.length !== 3) return false;
  const [expires = "", salt = "", signature = ""] = parts;
  const expected = Buffer.from(sign(secret, `${expires}.${salt}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  if (!(Number(expires) > now) || spent.has(challenge)) return false;
  if (leadingZeroBits(createHash("sha256").update(`${challenge}:${nonce}`).digest()) < POW_BITS) return false;
  for (const [c, until] of spent) if (until <= now) spent.delete(c);
  spent.set(challenge, Number(expires));
  return true;
}

/** What the browser does (tests too): the first nonce whose hash has POW_BITS leading zero bits. */
export function solveChallenge(challenge: string): string {
  for (let n = 0; ; n++) {
    if (leadingZeroBits(createHash("sha256").update(`${challenge}:${n}`).digest()) >= POW_BITS) return String(n);
  }
}
