import type { FastifyInstance } from "fastify";
import type { RouteDeps } from "../../http/types.js";
import { catalogRoutes } from "./routes/catalog.routes.js";
import { checkRoutes } from "./routes/checks.routes.js";
import { collectRoutes, exportRoutes } from "./routes/collect.routes.js";
import { formUploadRoutes } from "./routes/forms.routes.js";

/** Every HTTP route of the forms module 一表通. */
export function formRoutes(app: FastifyInstance, deps: RouteDeps) {
  catalogRoutes(app, deps);
  formUploadRoutes(app, deps);
  collectRoutes(app, deps);
  exportRoutes(app, deps);
  checkRoutes(app, deps);
}
