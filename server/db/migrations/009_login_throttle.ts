// Sign-in throttling in the database, so it survives a restart and holds across several server
// processes on one PostgreSQL (server/modules/auth/throttle.ts decides, repository.ts stores).
// login_failures: one row per sign-in attempt charged as a failure (taken back when it succeeds),
// keyed by the user name tried, the client's address (an IPv6 client by its /64), and the device
// when the attempt came from one known for that user name; rows older than the longest window are
// pruned as new ones come. login_devices: the browsers a user has signed in from before, by the hash
// of their device cookie only; such a browser keeps an allowance of its own, so nobody can lock the
// owner out of it by failing on their user name from elsewhere.
export const up = `
create table login_failures (
  id bigserial primary key,
  at timestamptz not null,
  username text not null,
  address text not null,
  device text
);
create index login_failures_user on login_failures (username, at);
create index login_failures_address on login_failures (address, at);
create index login_failures_device on login_failures (device, at) where device is not null;
create index login_failures_at on login_failures (at);
create table login_devices (
  token_hash text not null,
  user_id integer not null references users(id) on delete cascade,
  first_seen timestamptz not null,
  last_seen timestamptz not null,
  primary key (token_hash, user_id)
);
create index login_devices_user on login_devices (user_id)
`;

export const down = `
drop table login_devices;
drop table login_failures
`;
