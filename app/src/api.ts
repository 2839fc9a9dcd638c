/**
 * The one way the app talks to the server: same-origin JSON with the session cookie. Every failure
 * becomes an ApiError carrying the server's code, its Vietnamese and English messages and the field
 * it concerns, so forms can show the message next to the field.
 */
import { type UseQueryOptions, useQuery } from "@tanstack/react-query";
import i18n from "i18next";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageVi: string,
    readonly messageEn: string,
    readonly field: string | null,
  ) {
    super(messageVi);
  }
  /** The message in the interface language. */
  get text(): string {
    return i18n.language === "en" ? this.messageEn : this.messageVi;
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: {} };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}`, init);
  } catch {
    throw new ApiError(0, "network", "Không kết nối được máy chủ", "Cannot reach the server", null);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const e = json?.error ?? {};
    throw new ApiError(
      res.status,
      e.code ?? "http_error",
      e.message ?? `Lỗi ${res.status}`,
      e.messageEn ?? `Error ${res.status}`,
      e.field ?? null,
    );
  }
  return json as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, body ?? {}),
  del: <T>(path: string) => request<T>("DELETE", path),
};

/** GET a path with react-query; the path is the cache key, so invalidating by prefix works. */
export function useApi<T>(
  path: string | null,
  opts: Omit<UseQueryOptions<T, ApiError>, "queryKey" | "queryFn"> = {},
) {
  return useQuery<T, ApiError>({
    queryKey: [path],
    queryFn: () => api.get<T>(path as string),
    enabled: path !== null && (opts.enabled ?? true),
    ...opts,
  });
}

/** Builds a query string, leaving out empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== null && v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** A failed request's message in the interface language; any other error as it says. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.text;
  return e instanceof Error ? e.message : String(e);
}
