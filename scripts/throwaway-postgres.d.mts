export function findPgBin(): string | null;
export function startThrowawayPostgres(
  bin: string,
  port: number,
  prefix?: string,
): { url: string; stop: () => void };
