/**
 * POST a multipart form with upload progress. fetch() cannot report how much of a request body has
 * been sent, so this one request goes through XMLHttpRequest; failures become the same ApiError as
 * everywhere else (with the server's field, so the form puts the message next to it).
 */
import { ApiError } from "../../api.ts";

export function postFormWithProgress<T>(
  path: string,
  body: FormData,
  onProgress: (percent: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api${path}`);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () =>
      reject(new ApiError(0, "network", "Không kết nối được máy chủ", "Cannot reach the server", null));
    xhr.onload = () => {
      let json:
        | { error?: { code?: string; message?: string; messageEn?: string; field?: string | null } }
        | undefined;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(json as T);
      const e = json?.error ?? {};
      reject(
        new ApiError(
          xhr.status,
          e.code ?? "http_error",
          e.message ?? `Lỗi ${xhr.status}`,
          e.messageEn ?? `Error ${xhr.status}`,
          e.field ?? null,
        ),
      );
    };
    xhr.send(body);
  });
}
