import { openCliDatabase, runCli } from "../../../cli-database.js";
import { verifyAuditChain } from "../audit.js";

runCli(async () => {
  const database = await openCliDatabase();
  try {
    const report = await verifyAuditChain(database.db);
    if (report.ok) {
      console.log(`审计链完整 / audit chain intact: ${report.entries} entries`);
      return 0;
    }
    console.error(`审计链在第 ${report.brokenAt} 条断裂 / audit chain broken at entry ${report.brokenAt} (${report.reason}); ${report.entries - 1} entries before it verified`);
    return 1;
  } finally {
    await database.close();
  }
});
