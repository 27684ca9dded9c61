import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { openCliDatabase, runCli } from "../../../cli-database.js";
import { importUnits, NATION_ROW, type LevelCounts } from "../divisions/import.js";
import { readDivisions, type DivisionFilter } from "../divisions/source.js";

const USAGE = `用法 / usage: npm run import:divisions -- (--all | --province 23 [--province 65] | --county 230524)
  --all           全国 the whole country (~660,000 units)
  --province P    a province by its 2- or 6-digit code (23 or 230000), repeatable
  --county C      one county by its 6-digit code with its chain up, repeatable`;

const LEVEL_NAMES: Record<string, string> = {
  nation: "全国", province: "省级", city: "地级", county: "县级", township: "乡级", village: "村级", department: "部门",
};

function parseFilter(argv: string[]): DivisionFilter | null {
  const { values } = parseArgs({
    args: argv,
    options: { all: { type: "boolean" }, province: { type: "string", multiple: true }, county: { type: "string", multiple: true } },
    strict: true,
  });
  const provinces = values.province ?? [];
  const counties = values.county ?? [];
  if (provinces.some((p) => !/^\d{2}(0000)?$/.test(p)) || counties.some((c) => !/^\d{6}$/.test(c))) return null;
  if (values.all) return provinces.length || counties.length ? null : {};
  if (!provinces.length && !counties.length) return null;
  return { provinces, counties };
}

function printCounts(counts: LevelCounts) {
  console.log("\n级别 level     新增 inserted  更新 updated  未变 unchanged");
  for (const [level, c] of Object.entries(counts)) {
    if (c.inserted + c.updated + c.unchanged === 0) continue;
    console.log(`${`${LEVEL_NAMES[level] ?? level} ${level}`.padEnd(16)}${String(c.inserted).padStart(10)}${String(c.updated).padStart(13)}${String(c.unchanged).padStart(16)}`);
  }
}

runCli(async () => {
  let filter: DivisionFilter | null;
  try {
    filter = parseFilter(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!filter) {
    console.error(USAGE);
    return 2;
  }
  const database = await openCliDatabase();
  const wanted = filter;
  async function* rows() {
    yield NATION_ROW;
    yield* readDivisions(wanted);
  }
  // A first quick pass over the source gives the bar its end.
  let total = 0;
  for await (const _row of rows()) total++;
  const bar = new cliProgress.SingleBar(
    { format: "导入 importing {bar} {percentage}% | {value}/{total} units | {duration}s", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  try {
    const counts = await importUnits(database.db, rows(), { onProgress: (done) => bar.update(done) });
    bar.stop();
    printCounts(counts);
    return 0;
  } finally {
    bar.stop();
    await database.close();
  }
});
