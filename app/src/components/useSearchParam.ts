/** The page's query string, and a setter for one of its keys (no value removes it) that replaces the history entry. */
import { useSearchParams } from "react-router";

export function useSearchParam() {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return [params, set] as const;
}
