import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { ConfigError, type AppConfig } from "../../config.js";

/**
 * Reporter protection with national algorithms (docs/decisions/0004): SM4-CBC for confidentiality and
 * HMAC-SM3 over version, IV, ciphertext and the case id for integrity (encrypt-then-MAC). The key comes
 * from the environment, never from the database; separate sub-keys for encryption, MAC and receipts.
 */
export type ReporterKeys = { enc: Buffer; mac: Buffer; receipt: Buffer };

const VERSION = 1;
const IV_BYTES = 16;
const TAG_BYTES = 32;

const subKey = (master: Buffer, label: string, bytes: number) => createHmac("sm3", master).update(label).digest().subarray(0, bytes);

export function deriveKeys(masterHex: string): ReporterKeys {
  const master = Buffer.from(masterHex, "hex");
  return { enc: subKey(master, "jianfu/sm4-cbc", 16), mac: subKey(master, "jianfu/hmac-sm3", 32), receipt: subKey(master, "jianfu/receipt-tag", 32) };
}

/** The keys of this process. Production refuses to start without JIANFU_REPORTER_KEY; dev and tests derive one from the secret. */
export function reporterKeysOf(config: Pick<AppConfig, "env" | "secret" | "reporterKey">): ReporterKeys {
  if (config.reporterKey) return deriveKeys(config.reporterKey);
  if (config.env === "production") {
    throw new ConfigError("生产环境必须设置 JIANFU_REPORTER_KEY（64位十六进制随机值）/ in production JIANFU_REPORTER_KEY must be set to 64 random hex digits");
  }
  return deriveKeys(createHmac("sm3", config.secret).update("jianfu dev reporter key").digest("hex"));
}

/** Raised when a stored identity does not carry a valid MAC: it was altered, or belongs to another case. */
export class IdentityTamperedError extends Error {}

const macOf = (keys: ReporterKeys, header: Buffer, body: Buffer, caseId: string) =>
  createHmac("sm3", keys.mac).update(header).update(body).update(caseId).digest();

export function sealIdentity(keys: ReporterKeys, caseId: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("sm4-cbc", keys.enc, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const header = Buffer.concat([Buffer.from([VERSION]), iv]);
  return Buffer.concat([header, body, macOf(keys, header, body, caseId)]).toString("base64");
}

export function openIdentity(keys: ReporterKeys, caseId: string, sealed: string): string {
  const raw = Buffer.from(sealed, "base64");
  if (raw.length < 1 + IV_BYTES + 16 + TAG_BYTES || raw[0] !== VERSION) throw new IdentityTamperedError();
  const header = raw.subarray(0, 1 + IV_BYTES);
  const body = raw.subarray(1 + IV_BYTES, raw.length - TAG_BYTES);
  const tag = raw.subarray(raw.length - TAG_BYTES);
  // The MAC is checked before any decryption: a forged ciphertext never reaches the cipher (no padding oracle).
  if (!timingSafeEqual(tag, macOf(keys, header, body, caseId))) throw new IdentityTamperedError();
  const decipher = createDecipheriv("sm4-cbc", keys.enc, header.subarray(1));
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}
