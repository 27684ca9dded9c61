/**
 * Admission numbers 准入编号: region code (6 digits), year, sequence, and a check character by
 * ISO 7064 MOD 11-2 (the scheme of the resident identity number), e.g. 230524-2026-000123-7.
 * A mistyped number is caught before any lookup.
 */
const PATTERN = /^(\d{6})-(\d{4})-(\d{6})-([0-9X])$/;
const WEIGHTS_CACHE = new Map<number, number[]>();

function weights(length: number): number[] {
  let w = WEIGHTS_CACHE.get(length);
  if (!w) {
    // Weight of position i (from the left) is 2^(n-i) mod 11, as in ISO 7064 MOD 11-2.
    w = Array.from({ length }, (_, i) => 2 ** (length - i) % 11);
    WEIGHTS_CACHE.set(length, w);
  }
  return w;
}

export function checkCharacter(digits: string): string {
  const w = weights(digits.length);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (w[i] ?? 0);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? "X" : String(value);
}

export function formatAdmissionNumber(regionCode: string, year: number, sequence: number): string {
  const seq = String(sequence).padStart(6, "0");
  const digits = `${regionCode}${year}${seq}`;
  return `${regionCode}-${year}-${seq}-${checkCharacter(digits)}`;
}

export type ParsedAdmissionNumber = { regionCode: string; year: number; sequence: number };

/** Parses and checks a number as a person may type it (lower-case x, spaces, full-width hyphens). */
export function parseAdmissionNumber(input: string): ParsedAdmissionNumber | null {
  const normalized = input.trim().toUpperCase().replace(/[\s－—–]/g, (c) => (/\s/.test(c) ? "" : "-"));
  const m = PATTERN.exec(normalized);
  if (!m) return null;
  const [, region = "", year = "", seq = "", check = ""] = m;
  if (checkCharacter(`${region}${year}${seq}`) !== check) return null;
  return { regionCode: region, year: Number(year), sequence: Number(seq) };
}

export const normalizeAdmissionNumber = (p: ParsedAdmissionNumber) => formatAdmissionNumber(p.regionCode, p.year, p.sequence);
