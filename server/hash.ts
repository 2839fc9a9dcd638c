/** One digest for the server: session tokens' hashes, the audit chain, snapshots of plans and results. */
import crypto from "node:crypto";

/** SHA-256 of a text (UTF-8), in hex. */
export const sha256 = (s: string): string => crypto.createHash("sha256").update(s, "utf8").digest("hex");
