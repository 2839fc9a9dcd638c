// Who signs the plan (Nghị định 30/2020's signature block): the authority lines ("TM. ỦY BAN NHÂN DÂN",
// "KT. CHỦ TỊCH"), the position over the name and the name. Null when the plan does not say.
export const up = `
alter table plans add column signer_authority varchar(120);
alter table plans add column signer_position varchar(120);
alter table plans add column signer_name varchar(120)
`;

export const down = `
alter table plans drop column signer_name;
alter table plans drop column signer_position;
alter table plans drop column signer_authority
`;
