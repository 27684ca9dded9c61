import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../kernel/dates.js";
import { minhashSignature } from "../../kernel/minhash.js";
import { shinglesOf } from "../../kernel/text-similarity.js";
import { createTestApp, loginAs, type TestContext } from "../../test/harness.js";
import { chinaToday } from "./prepare.js";
import { exactScore, prepareChecked, screen, SHORTLIST, signUnsignedBurdens, similarityColumnsOf, similaritySignatureOf } from "./similar.js";

const form = { title: "关于填报2026年各村耕地面积统计表的通知", text: "请各村如实填写耕地面积统计表，于月底前报送县统计局。" };
const sameAsked = { title: "各村耕地面积情况报表", text: "请各村统计本村耕地面积，填写情况报表，按时报送县农业农村局。" };
const unrelated = [
  { title: "全县安全生产工作推进会", text: "定于下周召开全县安全生产工作推进会，请各乡镇主要负责同志参加。" },
  { title: "关于开展农村人居环境整治的通知", text: "请各村开展村容村貌整治，清理垃圾杂物，建立长效机制。" },
  { title: "森林防火专项督查", text: "县应急局将对各乡镇森林防火工作开展专项督查，请做好迎检准备。" },
];
const candidate = (id: string, t: { title: string; text: string } | null) => ({ id, shared: 10, signature: t ? similaritySignatureOf(t) : null });

describe("the duplicate screen", () => {
  const checked = prepareChecked(form);

  it("keeps the burden that asks the same thing and drops those that do not", () => {
    expect(exactScore(checked, sameAsked)).toBeGreaterThanOrEqual(0.3);
    const kept = screen(checked, [candidate("same", sameAsked), ...unrelated.map((u, i) => candidate(`other${i}`, u))]);
    expect(kept).toContain("same");
    for (let i = 0; i < unrelated.length; i++) {
      // What the screen drops could not have been a finding.
      if (!kept.includes(`other${i}`)) expect(exactScore(checked, unrelated[i]!)).toBeLessThan(0.3);
    }
    expect(kept.length).toBeLessThan(unrelated.length + 1);
  });

  it("scores a candidate from its stored words as from its text", () => {
    for (const other of [sameAsked, ...unrelated, form]) {
      const words = similarityColumnsOf(other).similarityWords;
      expect(exactScore(checked, { title: "", text: "", words })).toBe(exactScore(checked, other));
    }
    // Words in a format this code does not know are ignored: the text is segmented instead.
    expect(exactScore(checked, { ...sameAsked, words: "p0\u001e…" })).toBe(exactScore(checked, sameAsked));
  });

  it("scores every unsigned candidate exactly and at most the shortlist of signed ones", () => {
    const many = Array.from({ length: 40 }, (_, i) => candidate(`copy${i}`, { ...sameAsked, text: `${sameAsked.text}第${i}批。` }));
    const kept = screen(checked, [...many, candidate("legacy1", null), candidate("legacy2", null)]);
    expect(kept.filter((id) => id.startsWith("copy"))).toHaveLength(SHORTLIST);
    expect(kept).toEqual(expect.arrayContaining(["legacy1", "legacy2"]));
  });
});

describe("burdens written before signatures", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(async () => ctx?.close());

  it("are signed at start, and found as duplicates before and after", async () => {
    const dept = await loginAs(ctx.app, "raohe_tjj");
    const issuedOn = addDays(chinaToday(), 3);
    const body = { kind: "form", issuer: "230524D02", targets: { under: "230524100000", level: "village" }, issuedOn, deadline: addDays(issuedOn, 20), frequency: "once", minutesPerTarget: 60, details: {} };
    const first = await dept.request({ method: "POST", url: "/api/burdens", payload: { ...body, ...form } });
    const { id } = first.json() as { id: string };
    const submitted = await dept.request({ method: "POST", url: `/api/burdens/${id}/submit` });
    if (submitted.json().status === "in_review") {
      const office = await loginAs(ctx.app, "raohe_office");
      await office.request({ method: "POST", url: `/api/burdens/${id}/decide`, payload: { decision: "admit", reason: "测试：准予下达" } });
    }
    await ctx.db.execute(sql`update burdens set similarity_signature = null, similarity_words = null`);
    const duplicateOf = async () => {
      const res = await dept.request({ method: "POST", url: "/api/admission/check", payload: { ...body, ...sameAsked } });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().findings as { code: string; evidence: { id?: string; similar?: { id: string }[] } }[]).find((f) => f.code === "DUPLICATE_REQUEST");
    };
    expect(JSON.stringify(await duplicateOf())).toContain(id);

    expect(await signUnsignedBurdens(ctx.db, 1)).toBe(1);
    expect(await signUnsignedBurdens(ctx.db)).toBe(0);
    const { rows } = await ctx.db.execute<{ signature: Uint8Array; words: string }>(sql`select similarity_signature as signature, similarity_words as words from burdens where id = ${id}`);
    expect(Buffer.from(rows[0]!.signature).equals(Buffer.from(similaritySignatureOf(form)))).toBe(true);
    expect(rows[0]!.words).toBe(similarityColumnsOf(form).similarityWords);
    expect(JSON.stringify(await duplicateOf())).toContain(id);

    // Signatures stored whole, four bytes a value, before migration 0026: it keeps each value's lowest byte.
    const checked = prepareChecked(form);
    const whole = [checked.title, checked.whole].flatMap((t) => [...minhashSignature(shinglesOf(t))]);
    const old = Buffer.alloc(whole.length * 4);
    whole.forEach((v, i) => old.writeUInt32LE(v, i * 4));
    await ctx.db.execute(sql`update burdens set similarity_signature = ${old} where id = ${id}`);
    const migration = readFileSync(new URL("../../../../drizzle/0026_bbit_signatures.sql", import.meta.url), "utf8");
    await ctx.db.execute(sql.raw(migration));
    const converted = await ctx.db.execute<{ signature: Uint8Array }>(sql`select similarity_signature as signature from burdens where id = ${id}`);
    expect(Buffer.from(converted.rows[0]!.signature).equals(Buffer.from(similaritySignatureOf(form)))).toBe(true);
    expect(JSON.stringify(await duplicateOf())).toContain(id);
  });
});
