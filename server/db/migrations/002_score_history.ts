// Who changed which score when (self-assessment, appraisal and its remark, the agency's reply, evidence,
// submission), written by the scores service in the same transaction as the change. And evidence
// attached to a criterion from a task update remembers the item it came from.
export const up = `
create table score_history (
  id serial primary key,
  cycle_id integer not null references cycles(id) on delete cascade,
  agency_id integer not null references agencies(id),
  node_code text,
  action text not null check (action in ('self_assessed', 'appraised', 'replied', 'evidence_added',
    'evidence_removed', 'submitted', 'withdrawn', 'finalised')),
  points numeric(7,2),
  previous_points numeric(7,2),
  note text,
  user_id integer references users(id),
  at timestamptz not null default now()
);
create index score_history_key on score_history(cycle_id, agency_id, node_code);
alter table evidence add column source_evidence_id integer references evidence(id) on delete set null;
`;

export const down = `
alter table evidence drop column source_evidence_id;
drop table score_history;
`;
