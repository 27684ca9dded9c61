import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { leadingZeroBits as serverBits, solveChallenge } from "../../../server/modules/cases/guard.js";
import { leadingZeroBits, sha256Words, solve } from "./sha256.js";

const hex = (words: Uint32Array) => [...words].map((w) => (w >>> 0).toString(16).padStart(8, "0")).join("");

describe("the browser's SHA-256 for the proof of work", () => {
  it.each(["", "abc", "x".repeat(55), "y".repeat(56), "z".repeat(64), "1732590000000.AbCdEf.sig:123456"])("matches node for %j", (s) => {
    expect(hex(sha256Words(s))).toBe(createHash("sha256").update(s).digest("hex"));
  });

  it("finds the same nonce the server accepts", async () => {
    const challenge = "1999999999999.salt-of-test.signature";
    const nonce = await solve(challenge, 16);
    expect(nonce).toBe(solveChallenge(challenge));
    expect(leadingZeroBits(sha256Words(`${challenge}:${nonce}`))).toBe(serverBits(createHash("sha256").update(`${challenge}:${nonce}`).digest()));
  });
});
