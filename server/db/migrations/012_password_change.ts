// An administrator's reset gives a temporary password: the user must replace it at the next sign-in
// before doing anything else. Existing accounts keep their passwords.
export const up = `
alter table users add column must_change_password boolean not null default false
`;

export const down = `
alter table users drop column must_change_password
`;
