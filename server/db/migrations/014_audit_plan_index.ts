// A plan's history (GET /api/plans/:id/history) reads the trail by plan, newest first: indexed like
// the trail's other scopes (agency, cycle, province), so it does not scan every entry.
export const up = `
create index audit_log_plan on audit_log(plan_id, id)
`;

export const down = `
drop index audit_log_plan
`;
