import type { AppConfig } from "../config.js";
import type { Db, DbKind } from "../db/client.js";

/** What every module's routes receive from the app. */
export type RouteDeps = { db: Db; dbKind: DbKind; config: AppConfig };
