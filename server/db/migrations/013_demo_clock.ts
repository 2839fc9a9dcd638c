// The demo clock. A database that started as the demo holds one row here: the day its demo lives on
// (the business "today" of every module, server/clock.ts). Any other database has no row and runs on
// the real date. It is in the database, not in memory, so every instance on one PostgreSQL and every
// restart agrees on it. A demo loaded before this migration (its audit trail says so) gets the
// demo's default day.
export const up = `
create table demo_clock (
  singleton boolean primary key default true check (singleton),
  demo_date date not null,
  updated_at timestamptz not null default now()
);
insert into demo_clock (demo_date) select date '2019-12-10' where exists (select 1 from audit_log where action = 'demo.loaded')
`;

export const down = `
drop table demo_clock
`;
