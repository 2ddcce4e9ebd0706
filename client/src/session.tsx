// The signed-in user as /api/me describes it, shared by every screen; sign-in and sign-out.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, api } from "./api.ts";

export type Role = "lead" | "editor" | "partner";
export type Me = {
  user: {
    id: string;
    email: string;
    name: string;
    isAdmin: boolean;
    affiliation: { kind: "lab" } | { kind: "territory"; territory: { id: string; name: string; kind: string } };
  };
  memberships: { role: Role; programme: { id: string; slug: string; title: string } }[];
};

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
    try {
      await api("DELETE", "/session");
    } finally {
      setMe(null);
      setStatus("anonymous");
    }
  }, []);

  const value = useMemo(() => ({ status, me, refresh, signIn, signOut }), [status, me, refresh, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error("SessionProvider manquant");
  return value;
}

/** The signed-in user's role in a programme (admins count as leads). */
export function roleIn(me: Me | null, programmeId: string): Role | null {
  if (!me) return null;
  if (me.user.isAdmin) return "lead";
  return me.memberships.find((m) => m.programme.id === programmeId)?.role ?? null;
}
