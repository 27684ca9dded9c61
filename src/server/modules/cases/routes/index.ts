import type { FastifyInstance } from "fastify";
import type { RouteDeps } from "../../../http/types.js";
import { reporterKeysOf } from "../crypto.js";
import { chinaToday } from "../../../kernel/dates.js";
import { escalateOverdue } from "../handling.js";
import { sendDueReminders } from "../reminders.js";
import { caseRoutes } from "./cases.routes.js";
import { publicCaseRoutes } from "./public.routes.js";
import { caseSettingsRoutes } from "./settings.routes.js";
import { taskRoutes } from "./tasks.routes.js";
import { evidenceRoutes } from "./evidence.routes.js";
import { noticeRoutes } from "./notices.routes.js";
import { caseStatsRoutes } from "./stats.routes.js";

const HOUR = 3_600_000;

/** The cases module's HTTP side, and outside tests the hourly escalation of overdue cases. */
export function casesModule(app: FastifyInstance, deps: RouteDeps) {
  const keys = reporterKeysOf(deps.config);
  publicCaseRoutes(app, deps, keys);
  caseRoutes(app, deps, keys);
  caseSettingsRoutes(app, deps);
  taskRoutes(app, deps);
  evidenceRoutes(app, deps, keys);
  noticeRoutes(app, deps);
  caseStatsRoutes(app, deps);
  if (deps.config.env === "test") return;
  let timer: NodeJS.Timeout | null = null;
  app.addHook("onReady", async () => {
    // Reminders first, then escalation: both for the day the timer reads from the clock.
    timer = setInterval(() => {
      const today = chinaToday();
      sendDueReminders(deps.db, today)
        .catch((err: unknown) => app.log.error({ err }, "case reminders failed"))
        .then(() => escalateOverdue(deps.db, today))
        .catch((err: unknown) => app.log.error({ err }, "case escalation failed"));
    }, HOUR);
    timer.unref();
  });
  app.addHook("onClose", async () => {
    if (timer) clearInterval(timer);
  });
}
