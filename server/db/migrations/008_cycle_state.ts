// The cycle as a state machine (core/cycle-state.ts): a cycle is open, published or being corrected;
// a participant is draft, submitted, appraised or finalised, and may be excluded from the ranking
// with a written reason. Publications are immutable, versioned snapshots of the results (version 2,
// 3, … are corrections with their reason); a trigger refuses to change or remove one.
export const up = `
alter table cycles add column state text not null default 'open';
alter table cycles add constraint cycles_state_check check (state in ('open', 'published', 'correcting'));
update cycles set state = 'published' where published_at is not null;
alter table cycles add column correction_reason text;
alter table cycle_participants drop constraint cycle_participants_status_check;
alter table cycle_participants add constraint cycle_participants_status_check check (status in ('draft', 'submitted', 'appraised', 'finalised'));
alter table cycle_participants add column excluded_reason text;
alter table scores add column appraisal_confirmed boolean not null default false;
create table cycle_publications (
  id serial primary key,
  cycle_id integer not null references cycles(id),
  version integer not null check (version >= 1),
  published_at timestamptz not null,
  published_by integer references users(id),
  publisher_name text,
  decision_number text,
  decision_code text,
  decision_date date,
  reason text,
  audit_length bigint not null,
  audit_head text not null,
  snapshot jsonb not null,
  hash text not null,
  unique (cycle_id, version)
);
create function parindex_immutable() returns trigger language plpgsql as $$ begin raise exception '% is immutable: % refused', tg_table_name, tg_op using errcode = 'P0001'; end $$;
create trigger cycle_publications_immutable before update or delete on cycle_publications for each row execute function parindex_immutable();
create trigger cycle_publications_no_truncate before truncate on cycle_publications for each statement execute function parindex_immutable()
`;

export const down = `
drop table cycle_publications;
drop function parindex_immutable();
alter table scores drop column appraisal_confirmed;
alter table cycle_participants drop column excluded_reason;
update cycle_participants set status = 'submitted' where status = 'appraised';
alter table cycle_participants drop constraint cycle_participants_status_check;
alter table cycle_participants add constraint cycle_participants_status_check check (status in ('draft', 'submitted', 'finalised'));
alter table cycles drop column correction_reason;
alter table cycles drop column state
`;
