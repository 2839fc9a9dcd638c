// A plan is a draft (null) until its agency's focal point publishes it; only then may the public read it.
export const up = `
alter table plans add column published_at timestamptz
`;

export const down = `
alter table plans drop column published_at
`;
