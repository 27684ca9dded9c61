import type { Actor } from "../../kernel/actor.js";

export const auditPolicy = {
  /** Administrators and discipline commissions 纪委监委 read the audit log of their region. */
  canRead: (actor: Actor): boolean => actor.role === "admin" || actor.role === "commission",
};
