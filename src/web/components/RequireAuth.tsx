import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import type { Me } from "../../contracts/org.js";
import { useAuth } from "../auth/AuthContext.js";
import { PageSpin } from "./PageSpin.js";
import { roleSees, type Screen } from "./roleAccess.js";

type Props = { children: ReactNode; action?: Me["can"][number]; screen?: Screen };

/** Renders its children for a logged-in user (holding `action`, seeing `screen` when given); otherwise redirects. */
export function RequireAuth({ children, action, screen }: Props) {
  const { me, can } = useAuth();
  const location = useLocation();
  if (me === undefined) return <PageSpin />;
  if (me === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (action && !can(action)) return <Navigate to="/" replace />;
  if (screen && !roleSees(me.role, screen)) return <Navigate to="/" replace />;
  return <>{children}</>;
}
