/** The shapes of the API answers the admin pages read. */

import type { RoleName } from "../../../../core/contracts/users.ts";
import type { NodeKind } from "../../../../core/framework.ts";

export interface FrameworkListItem {
  id: number;
  code: string;
  title: string;
  year: number;
  agencyType: string;
  version: number;
  inUse: boolean;
  usedInYears: number[];
}

export interface FrameworkDetail extends FrameworkListItem {
  gradeBands: { grade: string; atLeast: number }[];
  rankDecimals: 0 | 1 | 2 | null;
  totalMax: number;
  nodes: {
    code: string;
    parentCode: string | null;
    kind: NodeKind;
    title: string;
    max: number;
    position: number;
    rule: unknown;
    illustrative: boolean;
  }[];
}

export type AgencyKind = "province" | "agency" | "division" | "unit_group";

export interface Agency {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  parentId: number | null;
  group: string | null;
  validFrom: string;
  validTo: string | null;
  successorId: number | null;
  successor: { id: number; code: string; name: string } | null;
  sample: boolean;
  staffCount: number | null;
}

export type AgencyDetail = Agency & { units: Agency[] };

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: RoleName;
  agencyId: number | null;
  unitId: number | null;
  agencyName: string | null;
  unitName: string | null;
  disabled: boolean;
}
