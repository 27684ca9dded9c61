import type { Role, UnitLevel } from "../../contracts/roles.js";
import { AppError, type ErrorCode } from "../http/errors.js";

/**
 * The shared kernel every module may import: who acts (an actor with a role and a scope), and the
 * materialized-path arithmetic that decides "inside a scope". Org owns the tables behind it.
 */
export type ScopeUnit = {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  /** Codes from the nation down to this unit, joined by ".". */
  path: string;
  provinceCode: string;
  orgType: string | null;
};

/** The logged-in person a request acts for: a role plus a scope (a subtree of the hierarchy). */
export type Actor = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: ScopeUnit;
  mustChangePassword: boolean;
};

/** True when `inner` is `outer` or lies in its subtree. */
export const pathIsInside = (innerPath: string, outerPath: string): boolean =>
  innerPath === outerPath || innerPath.startsWith(`${outerPath}.`);

/**
 * The region an actor looks at. A department (e.g. 县农业农村局) belongs to its county, so its staff
 * see the county's subtree; everyone else sees the subtree of his scope.
 */
export const regionPathOf = (actor: Actor): string =>
  actor.scope.level === "department" ? actor.scope.path.split(".").slice(0, -1).join(".") : actor.scope.path;

/** Throws the given error unless the condition holds. */
export function authorize(condition: boolean, code: ErrorCode = "FORBIDDEN", params?: Record<string, string>): asserts condition {
  if (!condition) throw new AppError(code, params);
}
