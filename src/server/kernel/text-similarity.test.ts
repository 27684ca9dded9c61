import { describe, expect, it } from "vitest";
import { coverage, prepareName, relevance } from "./name-relevance.js";
import { bestMatch, decimalIn, parsePrepared, prepare, preparedSimilarity, serializePrepared, shinglesOf, similarity, similarityToStored, tokens } from "./text-similarity.js";

describe("tokens", () => {
  it("cuts Chinese into meaningful words, dropping punctuation, numbers and the boilerplate of official text", () => {
    const words = tokens("关于报送2026年各村耕地面积统计表的通知。");
    expect(words).toEqual(expect.arrayContaining(["报送", "各村", "耕地", "面积", "耕地面积", "统计", "统计表"]));
    for (const dropped of ["关于", "的", "通知", "2026", "年", "。"]) expect(words).not.toContain(dropped);
  });

  it("counts a form by any of its names as a 报表 and lowercases Latin letters", () => {
    expect(tokens("种植结构情况表")).toContain("报表");
    expect(tokens("政务APP下载")).toContain("app");
  });

  it("has nothing to say about empty or punctuation-only text", () => {
    expect(tokens("")).toEqual([]);
    expect(tokens("  ，。！ 123 ")).toEqual([]);
    expect(similarity("", "统计表")).toBe(0);
  });
});

describe("similarity of short titles", () => {
  const HIGH: [string, string][] = [
    ["统计各村耕地面积报表", "各村耕地面积统计表"],
    ["关于报送各村耕地面积及种植结构统计表的通知", "关于填报各村耕地面积和农作物种植结构情况表的通知"],
    ["2026年第一季度农村经济统计报表", "农村经济统计季度报表"],
    ["组织开展安全生产执法检查", "安全生产执法检查"],
  ];
  const LOW: [string, string][] = [
    ["各村耕地面积统计表", "全县安全生产工作会议"],
    ["各村政务公众号每日新增粉丝任务", "农村低保对象入户核查"],
    ["森林防火专项督查", "各村常住人口统计表"],
  ];

  it.each(HIGH)("finds “%s” and “%s” alike (≥ 0.5)", (a, b) => {
    expect(similarity(a, b)).toBeGreaterThanOrEqual(0.5);
  });

  it.each(LOW)("finds “%s” and “%s” unrelated (< 0.2)", (a, b) => {
    expect(similarity(a, b)).toBeLessThan(0.2);
  });

  it("is symmetric, 1 for the same text, and ranks a near title above a far one", () => {
    const a = "各村耕地面积统计表";
    expect(similarity(a, a)).toBeCloseTo(1, 5);
    expect(similarity(a, "统计各村耕地面积报表")).toBeCloseTo(similarity("统计各村耕地面积报表", a), 10);
    expect(similarity(a, "统计各村耕地面积报表")).toBeGreaterThan(similarity(a, "各村常住人口统计表"));
  });
});

describe("characters beyond the basic plane (place names written with 𠮷, 𡈼)", () => {
  it("count as one character each in bigrams: a name is found in a title that carries it", () => {
    expect(similarity("𠮷林村耕地统计表", "𠮷林村耕地统计表")).toBeCloseTo(1, 10);
    // Sharing the rare character's bigrams scores above sharing the common words alone.
    expect(similarity("𠮷林村统计表", "𠮷林村报表")).toBeGreaterThan(similarity("𠮷林村统计表", "𡈼山村报表"));
    expect(coverage(prepare("𠮷林"), prepare("关于𠮷林村的报表"))).toBeGreaterThan(0.5);
  });

  it("match in a duty name's text as they do in a title", () => {
    const name = prepareName("𠮷林水库巡查");
    expect(relevance(name, prepare("𠮷林水库巡查记录"))).toBeGreaterThan(relevance(name, prepare("𡈼山水库巡查记录")));
  });
});

describe("the shingles of a MinHash signature", () => {
  it("are the characters of each bigram, as in the signatures already stored with admitted burdens", () => {
    // Signatures are stored (burdens.similarity_signature): a shingle that changed form would make
    // every stored burden look unlike every new one to the duplicate screen.
    const shingles = shinglesOf(prepare("耕地面积𠮷林"));
    expect(shingles).toEqual(expect.arrayContaining(["g耕地", "g地面", "g面积", "g积𠮷", "g𠮷林"]));
    expect(shinglesOf(prepare("村"))).toContain("g村");
  });
});

describe("bestMatch", () => {
  const candidates = [
    { key: "C001", text: "统计调查和统计报表报送" },
    { key: "R001", text: "安全生产执法检查和行政处罚" },
    { key: "B001", text: "农村人居环境整治和村庄清洁行动" },
  ];

  it("picks the candidate closest to the query", () => {
    expect(bestMatch("组织开展安全生产执法检查", candidates)).toMatchObject({ key: "R001" });
    expect(bestMatch("开展村庄清洁行动", candidates)).toMatchObject({ key: "B001" });
  });

  it("returns null when no candidate shares a word", () => {
    expect(bestMatch("公众号涨粉", candidates)).toBeNull();
  });
});

describe("a prepared text kept as a string", () => {
  const texts = [
    "关于填报2026年各村耕地面积统计表的通知",
    "请各村如实填写耕地面积统计表，于月底前报送县统计局。\n联系人：张三，电话 0469-5621234。",
    "各乡镇：为进一步做好农村人居环境整治工作，请于11月30日前报送村庄清洁行动情况汇总表、明细表。",
    "",
    "，。！",
    "A村 vs B村: 100% 完成",
  ];

  it("comes back equal to the text prepared anew", () => {
    for (const text of texts) expect(parsePrepared(serializePrepared(prepare(text)))).toEqual(prepare(text));
  });

  it("keeps separators out of the words: control characters in a text are spaces", () => {
    const tricky = "耕地\u001f面积\u001e统计\u001d报表";
    expect(prepare(tricky)).toEqual(prepare("耕地 面积 统计 报表"));
    expect(parsePrepared(serializePrepared(prepare(tricky)))).toEqual(prepare(tricky));
  });

  it("is refused in another format", () => {
    expect(parsePrepared("p0\u001e耕地")).toBeNull();
    expect(parsePrepared("")).toBeNull();
    expect(similarityToStored(prepare("耕地"), "p0\u001e耕地")).toBeNull();
  });

  it("reads a stored weight as Number does, to the last bit", () => {
    let seed = 3;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const samples = Array.from({ length: 20_000 }, (_, i) => String(next() * 10 ** ((i % 12) - 4)));
    samples.push("", ".5", "5.", "0", "007.250", "1e-7", "12345678901234567", "1234567890.12345", "abc", "1.2.3", "-3.5", " 4", "Infinity", "NaN");
    for (const text of samples) expect(Object.is(decimalIn(`x${text}y`, 1, text.length + 1), Number(text))).toBe(true);
  });

  it("reads stored texts with odd or empty entries as parsePrepared does", () => {
    const mine = prepare("各村耕地面积统计表");
    for (const stored of ["p1\u001e耕地面积\u001e耕地\u001f5.5\u001f面积\u001e耕地", "p1\u001e耕地面积\u001e\u001e", "p1\u001e\u001e耕地\u001f2\u001e耕地\u001eextra", "p1\u001e耕地\u001e耕地\u001f\u001e耕地"]) {
      expect(similarityToStored(mine, stored)).toBeCloseTo(preparedSimilarity(mine, parsePrepared(stored)!), 12);
    }
    expect(similarityToStored(mine, "p1\u001e耕地\u001e耕地\u001f2")).toBeNull();
  });

  it("is scored against a prepared text as the parsed text would be, without parsing it", () => {
    const others = [...texts, "各村耕地面积统计表", "统计统计统计表表表"];
    for (const mine of others.map(prepare)) {
      for (const other of others) {
        expect(similarityToStored(mine, serializePrepared(prepare(other)))).toBeCloseTo(preparedSimilarity(mine, parsePrepared(serializePrepared(prepare(other)))!), 12);
      }
    }
  });
});
