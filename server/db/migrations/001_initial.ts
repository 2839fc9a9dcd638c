// The first schema. Raw SQL that runs unchanged on PGlite and on a PostgreSQL server.
export const up = `
create table agencies (
  id serial primary key,
  code text not null unique,
  name text not null,
  short_name text,
  search_key text not null,
  kind text not null check (kind in ('province', 'agency', 'division', 'unit_group')),
  parent_id integer references agencies(id),
  group_code text,
  valid_from date not null default '1900-01-01',
  valid_to date,
  successor_id integer references agencies(id),
  sample boolean not null default false,
  staff_count integer check (staff_count is null or staff_count >= 0),
  period_rules jsonb,
  check (valid_to is null or valid_to >= valid_from)
);
create index agencies_parent on agencies(parent_id);

create table users (
  id serial primary key,
  username text not null unique,
  password_hash text not null,
  display_name text not null,
  role text not null check (role in ('admin', 'province_office', 'focal_point', 'division', 'appraiser', 'leader')),
  agency_id integer references agencies(id),
  unit_id integer references agencies(id),
  created_at timestamptz not null default now()
);

create table sessions (
  token_hash text primary key,
  user_id integer not null references users(id) on delete cascade,
  expires_at timestamptz not null
);

create table frameworks (
  id serial primary key,
  code text not null unique,
  title text not null,
  year integer not null,
  agency_type text not null,
  version integer not null default 1,
  grade_bands jsonb not null,
  rank_decimals integer check (rank_decimals is null or rank_decimals between 0 and 2),
  created_at timestamptz not null default now()
);

create table framework_nodes (
  framework_id integer not null references frameworks(id) on delete cascade,
  code text not null,
  parent_code text,
  kind text not null check (kind in ('area', 'criterion', 'subcriterion')),
  title text not null,
  max_points numeric(7,2) not null check (max_points >= 0),
  position integer not null,
  rule jsonb,
  illustrative boolean not null default false,
  primary key (framework_id, code)
);

create table cycles (
  id serial primary key,
  year integer not null,
  framework_id integer not null references frameworks(id),
  province_id integer not null references agencies(id),
  group_code text not null,
  self_assessment_opens date,
  self_assessment_closes date,
  appraisal_closes date,
  published_at timestamptz,
  unique (year, province_id, group_code)
);

create table cycle_participants (
  cycle_id integer not null references cycles(id) on delete cascade,
  agency_id integer not null references agencies(id),
  status text not null default 'draft' check (status in ('draft', 'submitted', 'finalised')),
  submitted_at timestamptz,
  primary key (cycle_id, agency_id)
);

create table not_applicable (
  cycle_id integer not null references cycles(id) on delete cascade,
  agency_id integer not null references agencies(id),
  node_code text not null,
  primary key (cycle_id, agency_id, node_code)
);

create table scores (
  cycle_id integer not null references cycles(id) on delete cascade,
  agency_id integer not null references agencies(id),
  node_code text not null,
  self_points numeric(7,2),
  self_inputs jsonb,
  explanation text,
  appraised_points numeric(7,2),
  appraisal_remark text,
  agency_reply text,
  appraised_by integer references users(id),
  updated_at timestamptz not null default now(),
  primary key (cycle_id, agency_id, node_code)
);

create table appraiser_assignments (
  cycle_id integer not null references cycles(id) on delete cascade,
  area_code text not null,
  user_id integer not null references users(id),
  primary key (cycle_id, area_code, user_id)
);

create table plans (
  id serial primary key,
  agency_id integer not null references agencies(id),
  year integer not null,
  number text,
  code text,
  issued_on date,
  place text,
  title text not null,
  implements text,
  percent_target numeric(5,2),
  rank_gain_min integer,
  rank_gain_max integer,
  baseline_cycle_id integer references cycles(id),
  unique (agency_id, year)
);

create table plan_area_targets (
  plan_id integer not null references plans(id) on delete cascade,
  area_code text not null,
  title text not null,
  target_points numeric(7,2) not null check (target_points >= 0),
  max_points numeric(7,2) not null check (max_points >= 0),
  baseline_points numeric(7,2),
  kept boolean not null default false,
  primary key (plan_id, area_code),
  check (target_points <= max_points)
);

create table tasks (
  id serial primary key,
  plan_id integer not null references plans(id) on delete cascade,
  section text,
  position integer not null default 0,
  title text not null,
  body text,
  area_code text,
  starts_on date,
  due_on date,
  period text,
  status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'done', 'cancelled')),
  progress integer not null default 0 check (progress between 0 and 100),
  updated_at timestamptz not null default now()
);
create index tasks_plan on tasks(plan_id);

create table task_units (
  task_id integer not null references tasks(id) on delete cascade,
  unit_id integer not null references agencies(id),
  role text not null check (role in ('lead', 'coordinating')),
  position integer not null default 0,
  primary key (task_id, unit_id, role)
);
create index task_units_unit on task_units(unit_id);

create table task_targets (
  id serial primary key,
  task_id integer not null references tasks(id) on delete cascade,
  position integer not null default 0,
  text text not null,
  indicator text,
  comparator text not null check (comparator in ('>=', '>', '<=', '<', '=', 'done_by')),
  value text not null,
  unit text
);

create table task_updates (
  id serial primary key,
  task_id integer not null references tasks(id) on delete cascade,
  unit_id integer references agencies(id),
  user_id integer not null references users(id),
  progress integer check (progress between 0 and 100),
  status text check (status in ('not_started', 'in_progress', 'done', 'cancelled')),
  note text,
  created_at timestamptz not null default now()
);

create table evidence (
  id serial primary key,
  agency_id integer not null references agencies(id),
  cycle_id integer references cycles(id) on delete cascade,
  node_code text,
  task_update_id integer references task_updates(id) on delete cascade,
  kind text not null check (kind in ('file', 'link', 'document', 'explanation')),
  file_path text,
  file_name text,
  mime text,
  size integer,
  url text,
  doc_number text,
  note text,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);

create table indicator_values (
  id serial primary key,
  agency_id integer not null references agencies(id),
  code text not null,
  period text not null,
  value numeric(14,2) not null,
  source text not null check (source in ('manual', 'task_update', 'derived', 'import')),
  task_update_id integer references task_updates(id) on delete set null,
  recorded_by integer references users(id),
  recorded_at timestamptz not null default now()
);
create index indicator_values_agency on indicator_values(agency_id, code, period);
`;

export const down = `
drop table indicator_values; drop table evidence; drop table task_updates; drop table task_targets;
drop table task_units; drop table tasks; drop table plan_area_targets; drop table plans;
drop table appraiser_assignments; drop table scores; drop table not_applicable; drop table cycle_participants;
drop table cycles; drop table framework_nodes; drop table frameworks; drop table sessions; drop table users;
drop table agencies;
`;
