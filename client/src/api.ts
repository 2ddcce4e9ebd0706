// Calls the JSON API on the same origin and turns {"error":{code,message}} answers into ApiError.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The first field the server refused (`invalid_input`), e.g. "email" or "resources.0.url". */
    readonly field = "",
  ) {
    super(message);
  }
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

async function send<T>(method: Method, path: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, credentials: "same-origin", ...init });
  } catch {
    throw new ApiError(0, "network", "");
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: { issues?: { path?: string }[] } } } | null)?.error;
    throw new ApiError(res.status, error?.code ?? "http_error", error?.message ?? `HTTP ${res.status}`, error?.details?.issues?.[0]?.path ?? "");
  }
  return data as T;
}

export function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, {
    headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Sends a file as the raw request body: the server reads its type from the bytes, not from a name. */
export function uploadFile<T>(path: string, file: Blob): Promise<T> {
  return send<T>("POST", path, {
    headers: { accept: "application/json", "content-type": file.type || "application/octet-stream" },
    body: file,
  });
}
