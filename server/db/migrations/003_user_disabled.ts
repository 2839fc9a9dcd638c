// A user can be disabled without deleting them: their name stays on scores, updates and evidence.
export const up = `
alter table users add column disabled_at timestamptz
`;

export const down = `
alter table users drop column disabled_at
`;
