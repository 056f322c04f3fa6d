import type { EmploymentForm } from '../schema.js';

/** The three measures of 建会入会 work, as achieved or as targets. */
export interface Measures {
  /** 新建工会: grassroots, joint and platform unions founded (建会). */
  newUnions: number;
  /** 新发展会员: memberships begun, transfers not counted. */
  newMembers: number;
  /** 新就业形态劳动者入会: new members of the four new employment forms. */
  newFormMembers: number;
}

export const MEASURES = ['newUnions', 'newMembers', 'newFormMembers'] as const satisfies readonly (keyof Measures)[];

export const MEASURE_LABELS: Record<keyof Measures, string> = {
  newUnions: '新建工会',
  newMembers: '新发展会员',
  newFormMembers: '新就业形态会员',
};

/** Figures of one org subtree for one date range. */
export interface Figures extends Measures {
  /** New members by employment form. */
  byForm: Record<EmploymentForm, number>;
}

/** Completion per measure (achieved / target, uncapped); null where there is no target. */
export type Rates = Record<keyof Measures, number | null>;

/** One district in a ranking: year-to-date achievement against the year's targets. */
export interface Standing {
  districtId: number;
  districtName: string;
  /** Cumulative from 1 January. */
  ytd: Figures;
  target: Measures | null;
  rates: Rates;
  /** Mean of the rates, each capped at 100%; null when the district has no target at all (then it is not ranked). */
  score: number | null;
  /** 1..n, ties sharing a rank; null when not ranked. */
  rank: number | null;
  /** Ranked last (排名末位) in this ranking. */
  last: boolean;
}

/** A row of an issued bulletin, frozen at issue. */
export interface BulletinRow extends Standing {
  /** The half month itself (本期). */
  period: Figures;
  /** Last in this bulletin and in the previous one of the same org: reported to the Party committee (向同级党委通报). */
  flagged: boolean;
}

/** The rows that are not ranked: units directly under the issuing org, and the whole subtree. */
export interface BulletinSummaryRow {
  period: Figures;
  ytd: Figures;
  /** For the whole subtree: the sum of the districts' targets. */
  target: Measures | null;
  rates: Rates;
}
