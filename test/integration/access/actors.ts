/**
 * The callers of the access matrix: every role, placed against the resources the table acts on —
 * the Office (VP UBND tỉnh Quảng Nam) and its division Hành chính – Tổ chức, in the province of
 * Quảng Nam. Pure data: the table, its Markdown rendering and the test share it.
 */
export const ACTORS = [
  { key: "anon", username: null, role: "—", who: "anonymous", relation: "no session" },
  { key: "admin", username: "admin", role: "admin", who: "admin", relation: "—" },
  { key: "snv", username: "snv.cchc", role: "province_office", who: "snv.cchc", relation: "own province" },
  {
    key: "appr",
    username: "thamdinh",
    role: "appraiser",
    who: "thamdinh",
    relation: "own province, assigned area 1",
  },
  {
    key: "appr2",
    username: "thamdinh2",
    role: "appraiser",
    who: "thamdinh2",
    relation: "own province, no area",
  },
  { key: "fp", username: "vp.daumoi", role: "focal_point", who: "vp.daumoi", relation: "own agency" },
  { key: "lead", username: "vp.lanhdao", role: "leader", who: "vp.lanhdao", relation: "own agency" },
  {
    key: "div",
    username: "vp.hctc",
    role: "division",
    who: "vp.hctc",
    relation: "own unit (leads the task)",
  },
  { key: "div2", username: "vp.qttv", role: "division", who: "vp.qttv", relation: "other unit, same agency" },
  {
    key: "fp2",
    username: "stc.daumoi",
    role: "focal_point",
    who: "stc.daumoi",
    relation: "other agency, same province",
  },
  { key: "dnsnv", username: "dn.snv", role: "province_office", who: "dn.snv", relation: "other province" },
  { key: "dnfp", username: "dn.daumoi", role: "focal_point", who: "dn.daumoi", relation: "other province" },
  { key: "dndiv", username: "dn.phong", role: "division", who: "dn.phong", relation: "other province" },
] as const;

export type Actor = (typeof ACTORS)[number];
export type ActorKey = Actor["key"];
export const ACTOR_KEYS: ActorKey[] = ACTORS.map((a) => a.key);

/**
 * What a call answers: "ok" is any 2xx; otherwise the status. 400 is for a row that, to change nothing
 * the next rows rely on, sends a request every admitted caller gets refused on its content.
 */
export type Outcome = "ok" | 400 | 401 | 403 | 404 | 409;

/** Names for groups of actors, so a row reads like the rule it states. */
export const GROUPS = {
  /** Who reads the whole province before publication: admin, the PAR office, its appraisers. */
  province: ["admin", "snv", "appr", "appr2"],
  appraisers: ["appr", "appr2"],
  /** Everyone of the Office: focal point, leader, both divisions. */
  office: ["fp", "lead", "div", "div2"],
  /** The other province's people. */
  dn: ["dnsnv", "dnfp", "dndiv"],
  /** Every signed-in caller. */
  signed: ACTOR_KEYS.filter((k) => k !== "anon"),
} as const satisfies Record<string, readonly ActorKey[]>;

type Key = ActorKey | keyof typeof GROUPS;

/**
 * An expectation for every actor: `base` for all, then the named actors or groups, in order (a later
 * entry wins): expect(403, { anon: 401, admin: "ok", fp: "ok", dn: 404 }).
 */
export function expectFor(
  base: Outcome,
  overrides: Partial<Record<Key, Outcome>> = {},
): Record<ActorKey, Outcome> {
  const out = Object.fromEntries(ACTOR_KEYS.map((k) => [k, base])) as Record<ActorKey, Outcome>;
  for (const [k, v] of Object.entries(overrides) as [Key, Outcome][]) {
    const keys: readonly ActorKey[] = k in GROUPS ? GROUPS[k as keyof typeof GROUPS] : [k as ActorKey];
    for (const a of keys) out[a] = v;
  }
  return out;
}
