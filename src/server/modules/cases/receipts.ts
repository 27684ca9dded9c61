import { createHmac, randomInt } from "node:crypto";
import argon2 from "argon2";
import type { ReporterKeys } from "./crypto.js";

/**
 * Receipt codes 回执码 (docs/decisions/0005): 16 random digits (53 bits), stored only as an argon2id
 * hash. To find the case without trying every hash, a keyed 24-bit tag of the code is stored too: a
 * bucket of ~n/16.7M cases, so follow-up is about one verification, and even with the key and the
 * database an attacker still faces 2^29 argon2 verifications per case.
 */
export const RECEIPT_DIGITS = 16;
const TAG_HEX = 6;

export function newReceipt(): string {
  let code = "";
  for (let i = 0; i < RECEIPT_DIGITS; i++) code += String(randomInt(10));
  return code;
}

/** Accepts what a person types ("1234 5678-9012 3456"); null when it cannot be a receipt. */
export function normalizeReceipt(input: string): string | null {
  const digits = input.replace(/[\s\-－—]/g, "");
  return /^\d{16}$/.test(digits) ? digits : null;
}

export const formatReceipt = (code: string) => code.replace(/(\d{4})(?=\d)/g, "$1 ");

export const receiptTag = (keys: ReporterKeys, code: string): string =>
  createHmac("sm3", keys.receipt).update(code).digest("hex").slice(0, TAG_HEX);

/**
 * Lighter than the login setting (19 MiB): a receipt has 53 random bits where a password may have 20.
 * 1 MiB × 2 passes (docs/decisions/0005, addendum of 2026-12-07): ~0.6 ms on an idle core of this machine,
 * so 300 intakes a second spend a fifth of a core on it; with the database and the reporter key an
 * attacker still faces 2^29 verifications per case (~3.7 core-days). Hashes made with the former
 * 4 MiB × 2 carry their parameters and still verify.
 */
const RECEIPT_ARGON2 = { type: argon2.argon2id, memoryCost: 1024, timeCost: 2, parallelism: 1 } as const;

export const hashReceipt = (code: string): Promise<string> => argon2.hash(code, RECEIPT_ARGON2);

async function verifyReceipt(hash: string, code: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, code);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * The candidate whose hash the code verifies, or null. A miss costs one verification too, so the
 * answer takes the same time whether or not the tag matched anything (no oracle).
 */
export async function matchReceipt<T extends { receiptHash: string }>(candidates: T[], code: string): Promise<T | null> {
  if (candidates.length === 0) {
    dummyHash ??= hashReceipt("0000000000000000");
    await verifyReceipt(await dummyHash, code);
    return null;
  }
  for (const candidate of candidates) {
    if (await verifyReceipt(candidate.receiptHash, code)) return candidate;
  }
  return null;
}
