import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Login, Me } from "../../contracts/org.js";
import { ApiError, setCsrfToken, setOnUnauthorized } from "../api/client.js";
import { authApi } from "../api/endpoints.js";

type Action = Me["can"][number];
type AuthState = {
  /** undefined while the first GET /api/me runs; null when nobody is logged in. */
  me: Me | null | undefined;
  login: (body: Login) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  can: (action: Action) => boolean;
};

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null | undefined>(undefined);

  const setMe = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setMeState(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      setMe(await authApi.me());
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setMe(null);
      else throw err;
    }
  }, [setMe]);

  useEffect(() => {
    setOnUnauthorized(() => setMe(null));
    refresh().catch(() => setMe(null));
    return () => setOnUnauthorized(null);
  }, [refresh, setMe]);

  const login = useCallback(
    async (body: Login) => {
      const next = await authApi.login(body);
      setMe(next);
      return next;
    },
    [setMe],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setMe(null);
    }
  }, [setMe]);

  const value = useMemo<AuthState>(
    () => ({ me, login, logout, refresh, can: (action) => Boolean(me?.can.includes(action)) }),
    [me, login, logout, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error("AuthProvider is missing");
  return state;
}

/** The logged-in user; only for components rendered behind RequireAuth. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error("useMe outside RequireAuth");
  return me;
}
