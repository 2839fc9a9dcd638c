// Published plans never change silently. Publishing stores an immutable version of the plan's
// content (a trigger refuses any UPDATE of a version); edits after publication change the working
// draft only, and readers outside the agency read the latest version. A plan is withdrawn only with
// a reason, which the public page shows. A unit group on a task ("Các Phòng, Ban, Trung tâm") stands
// for the named divisions the focal point resolves it to (task_group_members), and nobody until then.
// A task update records the part its unit played (lead, coordinating, or the focal point managing).
export const up = `
create table plan_versions (
  plan_id integer not null references plans(id) on delete cascade,
  version integer not null check (version > 0),
  published_at timestamptz not null,
  published_by integer references users(id) on delete set null,
  note text,
  title text not null,
  number text,
  code text,
  issued_on date,
  content jsonb not null,
  content_hash text not null,
  primary key (plan_id, version)
);
create function parindex_plan_version_immutable() returns trigger language plpgsql as $$ begin raise exception 'plan_versions are immutable: % refused', tg_op using errcode = 'P0001'; end $$;
create trigger plan_versions_immutable before update on plan_versions for each row execute function parindex_plan_version_immutable();
alter table plans add column withdrawn_at timestamptz;
alter table plans add column withdrawn_reason text;
alter table plans add column withdrawn_by integer references users(id) on delete set null;
create table task_group_members (
  task_id integer not null references tasks(id) on delete cascade,
  group_id integer not null references agencies(id),
  unit_id integer not null references agencies(id),
  position integer not null default 0,
  primary key (task_id, group_id, unit_id)
);
alter table task_updates add column role text check (role in ('lead', 'coordinating', 'manager'))
`;

export const down = `
alter table task_updates drop column role;
drop table task_group_members;
alter table plans drop column withdrawn_by;
alter table plans drop column withdrawn_reason;
alter table plans drop column withdrawn_at;
drop table plan_versions;
drop function parindex_plan_version_immutable()
`;

export { versionPublishedPlans as data } from "../../modules/plans/versions-migration.ts";
