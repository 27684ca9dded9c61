import type { FastifyInstance } from "fastify";
import type { RouteDeps } from "../../http/types.js";
import { dutyListRoutes } from "./routes/duties.routes.js";
import { dutyExcelRoutes } from "./routes/excel.routes.js";

/** Every HTTP route of the duties module 履职事项清单. */
export function dutyRoutes(app: FastifyInstance, deps: RouteDeps) {
  dutyListRoutes(app, deps);
  dutyExcelRoutes(app, deps);
}
