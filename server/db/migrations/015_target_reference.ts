// A measurable target may name its quantity instead of giving a number: "không vượt quá tổng biên
// chế được giao" is `<=` against `reference` "tổng biên chế được giao", with no value — never a
// made-up 0. Exactly one of value and reference is set; existing rows all have a value, so they pass.
export const up = `
alter table task_targets add column reference text;
alter table task_targets alter column value drop not null;
alter table task_targets add constraint task_targets_value_or_reference
  check ((value is null) <> (reference is null));
`;

// Back to a number for every target: a named target cannot be kept without one, so it is removed
// (its words stay in the task's text).
export const down = `
alter table task_targets drop constraint task_targets_value_or_reference;
delete from task_targets where value is null;
alter table task_targets alter column value set not null;
alter table task_targets drop column reference;
`;
