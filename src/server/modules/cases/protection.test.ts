import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../config.js";
import { buildWorkingCalendar } from "../calendar/calendar.js";
import { deriveKeys, IdentityTamperedError, openIdentity, reporterKeysOf, sealIdentity } from "./crypto.js";
import { addWorkingDays } from "./deadlines.js";
import { issueChallenge, leadingZeroBits, POW_BITS, solveChallenge, verifyWork } from "./guard.js";
import { formatReceipt, hashReceipt, matchReceipt, newReceipt, normalizeReceipt, receiptTag } from "./receipts.js";

const keys = deriveKeys(randomBytes(32).toString("hex"));
const CASE = "0b8f6c1e-7d1a-4c3e-9d44-1f0b7e0c2a11";
const IDENTITY = JSON.stringify({ kind: "user", username: "raohe_village", displayName: "饶河村 吴书记" });

describe("the reporter's identity, sealed with SM4-CBC and HMAC-SM3", () => {
  it("opens what it sealed, and the ciphertext does not contain the plaintext", () => {
    const sealed = sealIdentity(keys, CASE, IDENTITY);
    expect(openIdentity(keys, CASE, sealed)).toBe(IDENTITY);
    expect(Buffer.from(sealed, "base64").toString("utf8")).not.toContain("吴书记");
    // A fresh IV each time: the same identity never gives the same ciphertext.
    expect(sealIdentity(keys, CASE, IDENTITY)).not.toBe(sealed);
  });

  it.each([
    ["a flipped bit of the ciphertext", 20],
    ["a flipped bit of the IV", 3],
    ["a flipped bit of the MAC", -1],
  ])("refuses %s", (_name, index) => {
    const raw = Buffer.from(sealIdentity(keys, CASE, IDENTITY), "base64");
    const at = index < 0 ? raw.length + index : index;
    raw[at] = (raw[at] ?? 0) ^ 0x01;
    expect(() => openIdentity(keys, CASE, raw.toString("base64"))).toThrow(IdentityTamperedError);
  });

  it("refuses a ciphertext moved to another case, a truncated one, and another key", () => {
    const sealed = sealIdentity(keys, CASE, IDENTITY);
    expect(() => openIdentity(keys, "5d0c1a2b-0000-4000-8000-000000000000", sealed)).toThrow(IdentityTamperedError);
    expect(() => openIdentity(keys, CASE, sealed.slice(0, 20))).toThrow(IdentityTamperedError);
    expect(() => openIdentity(deriveKeys(randomBytes(32).toString("hex")), CASE, sealed)).toThrow(IdentityTamperedError);
  });

  it("takes its key from the environment; production refuses to start without one", () => {
    expect(() => reporterKeysOf({ env: "production", secret: "x".repeat(40), reporterKey: undefined })).toThrow(ConfigError);
    const given = "ab".repeat(32);
    expect(reporterKeysOf({ env: "production", secret: "x".repeat(40), reporterKey: given }).enc).toEqual(deriveKeys(given).enc);
    // Outside production the key follows the secret, so a dev database stays readable across restarts.
    const dev = (secret: string) => reporterKeysOf({ env: "development", secret, reporterKey: undefined }).enc;
    expect(dev("s".repeat(40))).toEqual(dev("s".repeat(40)));
    expect(dev("s".repeat(40))).not.toEqual(dev("t".repeat(40)));
  });
});

describe("receipt codes", () => {
  it("are 16 random digits, read back however they are typed", () => {
    const code = newReceipt();
    expect(code).toMatch(/^\d{16}$/);
    expect(new Set(Array.from({ length: 50 }, newReceipt)).size).toBe(50);
    expect(normalizeReceipt(formatReceipt(code))).toBe(code);
    expect(normalizeReceipt(`${code.slice(0, 8)}-${code.slice(8)}`)).toBe(code);
    for (const bad of ["", "123", "12345678901234567", "abcdabcdabcdabcd", `${code.slice(0, 15)}x`]) expect(normalizeReceipt(bad)).toBeNull();
  });

  it("are found by a short keyed tag and verified by argon2id, never stored in clear", async () => {
    const code = newReceipt();
    const hash = await hashReceipt(code);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=2\$/);
    expect(hash).not.toContain(code);
    expect(receiptTag(keys, code)).toMatch(/^[0-9a-f]{6}$/);
    const other = { receiptHash: await hashReceipt(newReceipt()) };
    expect(await matchReceipt([other, { receiptHash: hash }], code)).toEqual({ receiptHash: hash });
    expect(await matchReceipt([other], code)).toBeNull();
    expect(await matchReceipt([], code)).toBeNull();
  });
});

describe("the proof of work of the public intake", () => {
  const secret = randomBytes(32);
  it("accepts a solved challenge once, and refuses a forged, expired, unsolved or reused one", () => {
    const challenge = issueChallenge(secret);
    const nonce = solveChallenge(challenge);
    expect(verifyWork(secret, `${challenge.slice(0, -2)}xx`, nonce)).toBe(false);
    expect(verifyWork(secret, challenge, nonce, Date.now() + 31 * 60_000)).toBe(false);
    expect(verifyWork(randomBytes(32), challenge, nonce)).toBe(false);
    const unsolved = [...Array(64).keys()].map(String).find((n) => n !== nonce && !verifyWork(secret, challenge, n));
    expect(unsolved).toBeDefined();
    expect(verifyWork(secret, challenge, nonce)).toBe(true);
    expect(verifyWork(secret, challenge, nonce)).toBe(false);
  });

  it("counts leading zero bits", () => {
    expect(leadingZeroBits(Buffer.from([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(Buffer.from([0, 0x01]))).toBe(15);
    expect(leadingZeroBits(Buffer.from([0xff]))).toBe(0);
    expect(POW_BITS).toBeGreaterThanOrEqual(12);
  });
});

describe("deadlines count working days of the Chinese calendar", () => {
  const calendar = buildWorkingCalendar([]);
  it("skips the National Day holiday and counts its make-up Saturday (2026)", () => {
    expect(addWorkingDays(calendar, "2026-09-30", 1)).toBe("2026-10-08");
    expect(addWorkingDays(calendar, "2026-09-30", 3)).toBe("2026-10-10");
  });
  it("skips the Spring Festival (2026) and plain weekends", () => {
    expect(addWorkingDays(calendar, "2026-02-13", 3)).toBe("2026-02-25");
    expect(addWorkingDays(calendar, "2026-11-27", 1)).toBe("2026-11-30");
  });
});
