// Migration 006 moved the score history into the audit trail; its own table goes.
export const up = `
drop table score_history
`;

export const down = `
create table score_history (
  id serial primary key,
  cycle_id integer not null references cycles(id) on delete cascade,
  agency_id integer not null references agencies(id),
  node_code text,
  action text not null,
  points numeric(7,2),
  previous_points numeric(7,2),
  note text,
  user_id integer references users(id),
  at timestamptz not null default now()
);
create index score_history_key on score_history(cycle_id, agency_id, node_code)
`;
