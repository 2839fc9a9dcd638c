// A framework belongs to a province (its PAR office issues and edits it) or, without one, is national
// (only the administrator edits it). A framework already used by the cycles of exactly one province
// belongs to that province; any other stays national.
export const up = `
alter table frameworks add column province_id integer references agencies(id);
update frameworks f set province_id = (select min(c.province_id) from cycles c where c.framework_id = f.id) where (select count(distinct c.province_id) from cycles c where c.framework_id = f.id) = 1;
create index frameworks_province on frameworks(province_id)
`;

export const down = `
drop index frameworks_province;
alter table frameworks drop column province_id
`;
