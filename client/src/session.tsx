// The signed-in user as /api/me describes it, shared by every screen; sign-in and sign-out.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { MeView } from "../../server/api/session/presenter.ts";
import { ApiError, api } from "./api.ts";
import { claimDevice, releaseDevice } from "./offline/device.ts";

export type { Role } from "../../server/domain/types.ts";
export type Me = MeView;

type SessionState = {
  status: "loading" | "anonymous" | "signed-in" | "unreachable";
  me: Me | null;
  refresh(): Promise<void>;
  /** `keepOnDevice` false: "ne pas conserver sur cet appareil", nothing is kept locally. */
  signIn(email: string, password: string, keepOnDevice?: boolean): Promise<void>;
  signOut(): Promise<void>;
};

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<SessionState["status"]>("loading");

  const refresh = useCallback(async () => {
    try {
      const me = await api<Me>("GET", "/me");
      setMe(me);
      setStatus("signed-in");
      void claimDevice(me);
    } catch (e) {
      setMe(null);
      setStatus(e instanceof ApiError && e.status === 401 ? "anonymous" : "unreachable");
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signIn = useCallback(async (email: string, password: string, keepOnDevice = true) => {
    const me = await api<Me>("POST", "/session", { email, password });
    await claimDevice(me, keepOnDevice);
    setMe(me);
    setStatus("signed-in");
  }, []);

  const signOut = useCallback(async () => {
    let ended: { providerSignOut?: string } | undefined;
    try {
      ended = await api<{ providerSignOut?: string } | undefined>("DELETE", "/session");
    } finally {
      // Even offline: on a shared device, signing out must leave nothing of this person behind.
      await releaseDevice();
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
