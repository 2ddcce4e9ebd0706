// Loads a GET resource for a screen: data, error message and a reload function.
import { useCallback, useEffect, useState } from "react";
import { ApiError, api } from "../api.ts";

export type Loaded<T> = { data: T | null; error: ApiError | null; loading: boolean; reload(): Promise<void> };

export function useApi<T>(path: string | null): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    if (!path) return;
    try {
      setData(await api<T>("GET", path));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "network", ""));
    } finally {
      setLoading(false);
    }
  }, [path]);
  useEffect(() => {
    setLoading(true);
    void reload();
  }, [reload]);
  return { data, error, loading, reload };
}
