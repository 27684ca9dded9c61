import pg from "pg";
import { bandKeys, BANDS, normalize, shingles } from "../src/server/modules/documents/copying.js";
import { ms, percentile, type Figure } from "./stats.js";
import { ACTIONS, LAWS, SUBJECTS } from "./synthetic-gate-data.js";
import { seededRandom } from "./synthetic-hierarchy.js";

/**
 * Near-duplicate search over registered documents (issue 6, "Speed"): synthetic official texts built from
 * the phrasing of duty lists and notices, 1% of them near copies of an earlier one (a sentence changed or
 * added); the LSH index documents/copying.ts builds (32 bands of 4 MinHash rows), queried as the
 * registry queries it; recall against the planted pairs whose exact Jaccard is ≥ 0.8; and PostgreSQL's
 * pg_trgm similarity search on the same texts, in the same run.
 *
 *   BENCH_DOCS          documents (default 1,000,000)
 *   BENCH_DOC_QUERIES   queries timed (default 200)
 */

const SEED = 6006;
const COPY_SHARE = 0.01;
const BATCH = 2000;
/** pg_trgm answers a long text in seconds: fewer queries, each cut off after a while (counted). */
const TRGM_QUERIES = 20;
const TRGM_TIMEOUT_S = 30;

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function sentence(rand: () => number): string {
  const s = pick(rand, SUBJECTS);
  const a = pick(rand, ACTIONS.basic);
  const b = pick(rand, ACTIONS.cooperative);
  return pick(rand, [
    `各乡镇要切实做好${s}${a}工作，建立健全工作台账，确保责任落实到人。`,
    `根据${pick(rand, LAWS)}有关规定，${s}工作由乡镇负责${a}，村（社区）${b}。`,
    `县直有关部门要加强对${s}工作的指导，定期开展${a}，及时研究解决${pick(rand, SUBJECTS)}中的突出问题。`,
    `${Math.floor(rand() * 12) + 1}月底前完成${s}${a}，${pick(rand, SUBJECTS)}和${pick(rand, SUBJECTS)}同步推进。`,
    `严禁以${s}为名要求基层重复报送材料，能通过信息共享获取的数据不得再向村级索要。`,
  ]);
}

function* documentsOf(n: number): Generator<{ id: number; text: string; copyOf: number | null }> {
  const rand = seededRandom(SEED);
  const kept: { id: number; text: string }[] = [];
  for (let id = 0; id < n; id++) {
    if (kept.length > 100 && rand() < COPY_SHARE) {
      const { id: origin, text: original } = kept[Math.floor(rand() * kept.length)]!;
      // A near copy: one field of work renamed (most), or one sentence rewritten.
      const subject = SUBJECTS.find((x) => original.includes(x));
      if (subject && rand() < 0.7) {
        yield { id, text: original.replace(subject, pick(rand, SUBJECTS)), copyOf: origin };
        continue;
      }
      const sentences = original.split("。").filter(Boolean);
      sentences[Math.floor(rand() * sentences.length)] = sentence(rand).replace(/。$/, "");
      yield { id, text: `${sentences.join("。")}。`, copyOf: origin };
      continue;
    }
    const text = Array.from({ length: 6 + Math.floor(rand() * 8) }, () => sentence(rand)).join("");
    if (kept.length < 50_000) kept.push({ id, text });
    yield { id, text, copyOf: null };
  }
}

const jaccard = (a: string, b: string) => {
  const sa = new Set(shingles(normalize(a).chars));
  const sb = new Set(shingles(normalize(b).chars));
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  return shared / (sa.size + sb.size - shared);
};

export async function benchDocuments(url: string): Promise<Figure[]> {
  const n = Number(process.env.BENCH_DOCS ?? 1_000_000);
  const queries = Number(process.env.BENCH_DOC_QUERIES ?? 200);
  const bench = `documents near-duplicate search (${n.toLocaleString("en")} documents)`;
  const figures: Figure[] = [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("drop table if exists bench_doc_bands; drop table if exists bench_docs");
    await client.query("create table bench_docs (id int primary key, text text not null, copy_of int)");
    await client.query("create table bench_doc_bands (doc_id int not null, band smallint not null, key int not null)");
    let signMs = 0;
    let start = performance.now();
    let batch: { id: number; text: string; copyOf: number | null }[] = [];
    const planted: { id: number; copyOf: number }[] = [];
    const flush = async () => {
      const s = performance.now();
      const keys = batch.map((d) => bandKeys(d.text));
      signMs += performance.now() - s;
      await client.query("insert into bench_docs select * from unnest($1::int[], $2::text[], $3::int[])", [batch.map((d) => d.id), batch.map((d) => d.text), batch.map((d) => d.copyOf)]);
      await client.query("insert into bench_doc_bands select * from unnest($1::int[], $2::smallint[], $3::int[])", [
        batch.flatMap((d) => Array(BANDS).fill(d.id)),
        keys.flatMap((k) => k.map((x) => x.band)),
        keys.flatMap((k) => k.map((x) => x.key)),
      ]);
      batch = [];
    };
    for (const d of documentsOf(n)) {
      if (d.copyOf !== null) planted.push({ id: d.id, copyOf: d.copyOf });
      batch.push(d);
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length) await flush();
    const loadS = (performance.now() - start) / 1000;
    start = performance.now();
    await client.query("create index bench_doc_bands_key on bench_doc_bands (band, key)");
    await client.query("analyze bench_docs; analyze bench_doc_bands");
    const indexS = (performance.now() - start) / 1000;
    figures.push(
      { bench, figure: "documents / planted near copies", value: `${n} / ${planted.length}` },
      { bench, figure: "MinHash + LSH band keys, JS: documents/s", value: (n / (signMs / 1000)).toFixed(0) },
      { bench, figure: "load (sign + insert texts and 32 bands each) s / documents/s", value: `${loadS.toFixed(3)} / ${(n / loadS).toFixed(0)}` },
      { bench, figure: "band index build s", value: indexS.toFixed(3) },
    );

    // Queries: half planted copies, half others; each answered as the registry answers it.
    const rand = seededRandom(SEED + 1);
    const sample = [...planted.slice(0, queries / 2).map((p) => p.id), ...Array.from({ length: queries / 2 }, () => Math.floor(rand() * n))];
    const texts = new Map((await client.query<{ id: number; text: string }>("select id, text from bench_docs where id = any($1)", [sample])).rows.map((r) => [r.id, r.text]));
    const truth = new Map<number, number[]>();
    for (const p of planted) if (texts.has(p.id)) truth.set(p.id, [p.copyOf]);
    const lsh: number[] = [];
    let found = 0;
    let expected = 0;
    for (const id of sample) {
      const text = texts.get(id)!;
      const s = performance.now();
      const keys = bandKeys(text);
      const { rows } = await client.query<{ id: number; text: string }>(
        `select d.id, d.text from (select doc_id from bench_doc_bands where (band, key) in (select * from unnest($1::smallint[], $2::int[]))
           and doc_id <> $3 group by doc_id order by count(*) desc limit 30) c join bench_docs d on d.id = c.doc_id`,
        [keys.map((k) => k.band), keys.map((k) => k.key), id],
      );
      const near = rows.filter((r) => jaccard(text, r.text) >= 0.8).map((r) => r.id);
      lsh.push(performance.now() - s);
      for (const origin of truth.get(id) ?? []) {
        const [{ text: originText } = { text: "" }] = (await client.query<{ text: string }>("select text from bench_docs where id = $1", [origin])).rows;
        if (jaccard(text, originText) < 0.8) continue;
        expected++;
        if (near.includes(origin)) found++;
      }
    }
    // Why a query costs what it does: how many band rows it matches (every one is grouped by document).
    const matched: number[] = [];
    for (const id of sample.slice(0, 40)) {
      const keys = bandKeys(texts.get(id)!);
      const { rows } = await client.query<{ n: number; docs: number }>(
        "select count(*)::int as n, count(distinct doc_id)::int as docs from bench_doc_bands where (band, key) in (select * from unnest($1::smallint[], $2::int[]))",
        [keys.map((k) => k.band), keys.map((k) => k.key)],
      );
      matched.push(rows[0]!.n);
    }
    figures.push(
      { bench, figure: "band rows matched per query (40 queries) p50 / p95 / max", value: `${percentile(matched, 50)} / ${percentile(matched, 95)} / ${Math.max(...matched)}` },
      { bench, figure: "LSH query (band keys + SQL candidates + exact Jaccard check) p50 / p95 ms", value: `${ms(percentile(lsh, 50))} / ${ms(percentile(lsh, 95))}`, target: "p95 < 50 ms" },
      { bench, figure: "recall of planted pairs with exact Jaccard ≥ 0.8", value: `${found} / ${expected} = ${expected ? (found / expected).toFixed(3) : "n/a"}`, target: "≥ 0.95" },
    );

    // pg_trgm on the same texts: index build and the same queries (similarity ≥ 0.8).
    await client.query("create extension if not exists pg_trgm");
    start = performance.now();
    await client.query("create index bench_docs_trgm on bench_docs using gin (text gin_trgm_ops)");
    figures.push({ bench, figure: "pg_trgm GIN index build s", value: ((performance.now() - start) / 1000).toFixed(3) });
    await client.query(`set pg_trgm.similarity_threshold = 0.8; set statement_timeout = '${TRGM_TIMEOUT_S}s'`);
    const trgm: number[] = [];
    let timedOut = 0;
    for (const id of sample.slice(0, TRGM_QUERIES)) {
      const s = performance.now();
      try {
        await client.query("select id from bench_docs where text % $1 and id <> $2", [texts.get(id)!, id]);
        trgm.push(performance.now() - s);
      } catch {
        timedOut++;
      }
    }
    await client.query("set statement_timeout = 0");
    figures.push(
      {
        bench,
        figure: `pg_trgm query (text % $1, threshold 0.8; ${TRGM_QUERIES} queries, ${TRGM_TIMEOUT_S} s timeout) p50 / p95 ms of the finished; timed out`,
        value: `${trgm.length ? `${ms(percentile(trgm, 50))} / ${ms(percentile(trgm, 95))}` : "n/a"}; ${timedOut}`,
      },
      { bench, figure: "pg_trgm p50 ÷ LSH p50 (times faster; timed-out queries not counted)", value: trgm.length ? (percentile(trgm, 50) / percentile(lsh, 50)).toFixed(1) : "n/a" },
    );
  } finally {
    await client.query("drop table if exists bench_doc_bands; drop table if exists bench_docs").catch(() => undefined);
    await client.end();
  }
  return figures;
}
