import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import type { Me } from "../../contracts/org.js";
import { useAuth } from "../auth/AuthContext.js";
import { PageSpin } from "./PageSpin.js";

/** Renders its children for a logged-in user (holding `action` when given); otherwise redirects. */
export function RequireAuth({ children, action }: { children: ReactNode; action?: Me["can"][number] }) {
  const { me, can } = useAuth();
  const location = useLocation();
  if (me === undefined) return <PageSpin />;
  if (me === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (action && !can(action)) return <Navigate to="/" replace />;
  return <>{children}</>;
}
