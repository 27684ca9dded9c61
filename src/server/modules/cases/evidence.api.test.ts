import { Document, Packer, Paragraph } from "docx";
import { eq, sql } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../../test/harness.js";
import { MAX_EVIDENCE_BYTES } from "./evidence.js";
import { pngChunk, stripJpeg } from "./metadata.js";
import { caseEvidence, cases } from "./schema.js";
import { freshAddress, REPORT, submitPublicReport } from "./test-fixtures.js";

let ctx: TestContext;
let office: Session;
let town: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  office = await loginAs(ctx.app, "raohe_office");
  town = await loginAs(ctx.app, "raohe_town");
});
afterAll(async () => ctx?.close());

const segment = (marker: number, body: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};
/** A JPEG as a phone writes it: JFIF, then EXIF with a GPS position, a comment, then the image. */
const GPS = "GPSLatitude 46.79N GPSLongitude 134.01E";
const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8]),
  segment(0xe0, Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1")),
  segment(0xe1, Buffer.from(`Exif\0\0MM\0*${GPS} Model=iPhone 15`, "latin1")),
  segment(0xfe, Buffer.from("拍摄于饶河镇政府门口")),
  segment(0xdb, Buffer.alloc(65, 1)),
  Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0x34, 0x56, 0xff, 0xd9]),
]);
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(1, 0);
ihdr.writeUInt32BE(1, 4);
ihdr.set([8, 2, 0, 0, 0], 8);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pngChunk("IHDR", ihdr),
  pngChunk("eXIf", Buffer.from(`MM\0*${GPS}`, "latin1")),
  pngChunk("tEXt", Buffer.from("Author\0吴书记")),
  pngChunk("IDAT", Buffer.from([0x78, 0x9c, 0x63, 0x60, 0x60, 0x60, 0, 0, 0, 4, 0, 1])),
  pngChunk("IEND", Buffer.alloc(0)),
]);

const newCase = async () => {
  const text = `${REPORT.text}（证据测试 ${Math.random().toString(36).slice(2)}）`;
  const { receipt } = (await submitPublicReport(ctx.app, { text })).json<{ receipt: string }>();
  const [row] = await ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.text, text));
  return { id: row!.id, receipt };
};
const upload = (receipt: string, body: Buffer, type: string) =>
  ctx.app.inject({ method: "POST", url: `/api/public/reports/${receipt}/evidence`, remoteAddress: freshAddress(), headers: { "content-type": type }, payload: body });
const evidenceCount = async () => Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from case_evidence`)).rows[0]?.n);

describe("evidence files", () => {
  it("strips EXIF, GPS and comments from a JPEG before storing it, and serves it to the handler only", async () => {
    const { id, receipt } = await newCase();
    const res = await upload(receipt, jpeg, "application/octet-stream");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contentType: "image/jpeg", extension: "jpg" });
    const [stored] = await ctx.db.select().from(caseEvidence).where(eq(caseEvidence.caseId, id));
    expect(stored!.data.includes(Buffer.from("GPSLatitude"))).toBe(false);
    expect(stored!.data.includes(Buffer.from("拍摄于"))).toBe(false);
    expect(stored!.data.includes(Buffer.from("JFIF"))).toBe(true);
    expect(stored!.data.subarray(-5)).toEqual(jpeg.subarray(-5));

    const evidenceId = res.json().id as string;
    const read = await office.request({ method: "GET", url: `/api/cases/${id}/evidence/${evidenceId}` });
    expect(read.statusCode).toBe(200);
    expect(read.headers["content-type"]).toBe("image/jpeg");
    expect(read.rawPayload).toEqual(stripJpeg(jpeg));
    expect((await town.request({ method: "GET", url: `/api/cases/${id}/evidence/${evidenceId}` })).statusCode).toBe(404);
    expect((await office.request({ method: "GET", url: `/api/cases/${id}` })).json().evidence).toHaveLength(1);
  });

  it("strips EXIF and text chunks from a PNG", async () => {
    const { id, receipt } = await newCase();
    expect((await upload(receipt, png, "image/png")).statusCode).toBe(201);
    const [stored] = await ctx.db.select().from(caseEvidence).where(eq(caseEvidence.caseId, id));
    expect(stored!.data.includes(Buffer.from("GPSLatitude"))).toBe(false);
    expect(stored!.data.includes(Buffer.from("吴书记"))).toBe(false);
    expect(stored!.data.includes(Buffer.from("IDAT"))).toBe(true);
  });

  it("stores a Word file without its author", async () => {
    const { id, receipt } = await newCase();
    const doc = new Document({ creator: "吴书记", lastModifiedBy: "吴书记", sections: [{ children: [new Paragraph("打卡截图要求")] }] });
    const docx = await Packer.toBuffer(doc);
    const res = await upload(receipt, docx, "application/octet-stream");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ extension: "docx" });
    const [stored] = await ctx.db.select().from(caseEvidence).where(eq(caseEvidence.caseId, id));
    const core = await (await JSZip.loadAsync(stored!.data)).file("docProps/core.xml")!.async("string");
    expect(core).not.toContain("吴书记");
  });

  it("refuses a Word file whose package is broken", async () => {
    const { receipt } = await newCase();
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("x")] }] }));
    const broken = Buffer.concat([docx.subarray(0, 2000), Buffer.alloc(200)]);
    const before = await evidenceCount();
    const res = await upload(receipt, broken, "application/octet-stream");
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().error.code).toBe("EVIDENCE_TYPE");
    expect(await evidenceCount()).toBe(before);
  });

  it("keeps a PDF without metadata as it is", async () => {
    const { receipt } = await newCase();
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const res = await upload(receipt, pdf, "application/pdf");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contentType: "application/pdf", size: pdf.length });
  });

  it.each([
    ["a program disguised as a picture", Buffer.concat([Buffer.from("MZ\x90\0", "latin1"), Buffer.alloc(200)]), "image/jpeg", 415, "EVIDENCE_TYPE"],
    ["an HTML page with a script", Buffer.from("<html><script>alert(1)</script></html>"), "image/png", 415, "EVIDENCE_TYPE"],
    ["a truncated JPEG", jpeg.subarray(0, 30), "image/jpeg", 415, "EVIDENCE_TYPE"],
    ["a file over 5 MB", Buffer.concat([jpeg, Buffer.alloc(MAX_EVIDENCE_BYTES)]), "image/jpeg", 413, "PAYLOAD_TOO_LARGE"],
  ])("refuses %s and stores nothing", async (_name, body, type, status, code) => {
    const { receipt } = await newCase();
    const before = await evidenceCount();
    const res = await upload(receipt, body, type);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(await evidenceCount()).toBe(before);
  });

  it("needs the right receipt", async () => {
    const res = await upload("0000000000000000", jpeg, "image/jpeg");
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("RECEIPT_NOT_FOUND");
  });
});
