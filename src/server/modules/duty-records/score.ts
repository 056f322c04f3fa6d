/**
 * The 履职积分 (docs/architecture.md, "履职监督"): points anyone can recount
 * from the figures beside them, never a weighting hidden from the people
 * ranked by it.
 */

export const POINTS = {
  /** 提交提案, each. */
  submitted: 2,
  /** 提案立案, each (on top of submitting it). */
  accepted: 5,
  /** 附议, each. */
  cosigned: 1,
  /** 诉求两个工作日内首次回复, each. */
  answeredOnTime: 3,
  /** 审议出席率 (votes cast ÷ reviews), times this. */
  attendance: 10,
  /** 满意率 of the proposals' and the requests' ratings together, times this. */
  satisfaction: 10,
} as const;

export interface DutyFigures {
  submitted: number;
  accepted: number;
  cosigned: number;
  answeredOnTime: number;
  /** Null when there was nothing to attend or nothing rated: no points, and no penalty either. */
  attendanceRate: number | null;
  satisfactionRate: number | null;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** The points of each figure and their sum. */
export function dutyScore(f: DutyFigures) {
  const points = {
    submitted: f.submitted * POINTS.submitted,
    accepted: f.accepted * POINTS.accepted,
    cosigned: f.cosigned * POINTS.cosigned,
    answeredOnTime: f.answeredOnTime * POINTS.answeredOnTime,
    attendance: oneDecimal((f.attendanceRate ?? 0) * POINTS.attendance),
    satisfaction: oneDecimal((f.satisfactionRate ?? 0) * POINTS.satisfaction),
  };
  return { points, score: oneDecimal(Object.values(points).reduce((a, b) => a + b, 0)) };
}

/** Ranks within each group by score, ties sharing a rank (1, 1, 3). */
export function rankWithin<T extends { orgId: number; score: number }>(rows: T[]): (T & { rank: number })[] {
  return rows.map((row) => ({ ...row, rank: 1 + rows.filter((other) => other.orgId === row.orgId && other.score > row.score).length }));
}
