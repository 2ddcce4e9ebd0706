// The signed-in user as /api/me describes it, shared by every screen; sign-in and sign-out.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { MeView } from "../../server/api/session/presenter.ts";
import { ApiError, api } from "./api.ts";

export type { Role } from "../../server/domain/types.ts";
export type Me = MeView;

type SessionState = {
  status: "loading" | "anonymous" | "signed-in" | "unreachable";
  me: Me | null;
  refresh(): Promise<void>;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
};

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<SessionState["status"]>("loading");

  const refresh = useCallback(async () => {
    try {
      setMe(await api<Me>("GET", "/me"));
      setStatus("signed-in");
    } catch (e) {
      setMe(null);
      setStatus(e instanceof ApiError && e.status === 401 ? "anonymous" : "unreachable");
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signIn = useCallback(async (email: string, password: string) => {
    setMe(await api<Me>("POST", "/session", { email, password }));
    setStatus("signed-in");
  }, []);

  const signOut = useCallback(async () => {
    let ended: { providerSignOut?: string } | undefined;
    try {
      ended = await api<{ providerSignOut?: string } | undefined>("DELETE", "/session");
    } finally {
      setMe(null);
      setStatus("anonymous");
    }
    // Signed in through a provider: its session ends too, and it sends the browser back to the sign-in page.
    if (ended?.providerSignOut) window.location.assign(ended.providerSignOut);
  }, []);

  const value = useMemo(() => ({ status, me, refresh, signIn, signOut }), [status, me, refresh, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error("SessionProvider manquant");
  return value;
}
