// The audit trail: append-only, hash-chained (each entry carries the hash of the one before over a
// canonical serialisation, core/audit.ts). A trigger refuses UPDATE, DELETE and TRUNCATE on both
// engines, so the application cannot rewrite history; `parindex audit verify` finds a rewrite done
// behind the trigger's back. The score history of migration 002 moves into the trail (see
// server/modules/audit/legacy.ts) and its table goes.
export const up = `
create table audit_log (
  id bigint primary key,
  at timestamptz not null,
  actor_id integer,
  actor_name text,
  actor_role text,
  session text,
  ip text,
  action text not null,
  entity text not null,
  entity_id text not null,
  province_id integer,
  agency_id integer,
  cycle_id integer,
  plan_id integer,
  before jsonb,
  after jsonb,
  note text,
  prev_hash text not null,
  hash text not null unique
);
create index audit_log_entity on audit_log(entity, entity_id);
create index audit_log_agency on audit_log(agency_id, id);
create index audit_log_cycle on audit_log(cycle_id, id);
create index audit_log_province on audit_log(province_id, id);
create function parindex_audit_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'P0001'; end $$;
create trigger audit_log_append_only before update or delete on audit_log for each row execute function parindex_audit_append_only();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function parindex_audit_append_only()
`;

export const down = `
drop table audit_log;
drop function parindex_audit_append_only()
`;

export { moveScoreHistory as data } from "../../modules/audit/legacy.ts";
