import { pct } from '../../lib/numbers';
import type { DutyRules, MyDuty } from './api';

type Figures = Omit<MyDuty, 'from' | 'to'>;
type PointKey = keyof DutyRules['points'];

/** Hours to the tenth (the server rounds): under six minutes reads as such, not as 0. */
const hours = (h: number | null) => (h === null ? '—' : h === 0 ? '不到 0.1 小时' : `${h} 小时`);

interface Figure {
  key: string;
  title: string;
  how: string;
  value: (r: Figures) => string | number;
  /** What a rate is made of (the votes and the reviews), shown beside it or, in the table, under it. */
  detail?: (r: Figures) => string | null;
  points?: PointKey;
}

/** Every figure of a record: its label, what it counts, how it shows, and the points it brings (if any). */
export const FIGURES: Figure[] = [
  { key: 'received', title: '收到诉求', how: '职工通过零距离点名向您提出的诉求', value: (r) => r.received },
  { key: 'answered', title: '已回复', how: '已首次回复的诉求', value: (r) => r.answered },
  { key: 'answeredOnTime', title: '两个工作日内回复', how: '提出当天之后两个工作日内（含节假日调休）首次回复的诉求', value: (r) => r.answeredOnTime, points: 'answeredOnTime' },
  { key: 'medianFirstReplyHours', title: '回复用时中位数', how: '首次回复用时的中位数（小时）', value: (r) => hours(r.medianFirstReplyHours) },
  { key: 'submitted', title: '提交提案', how: '期内提交的提案（草稿不计）', value: (r) => r.submitted, points: 'submitted' },
  { key: 'accepted', title: '立案', how: '其中已立案（含交办、办理、答复、办结）', value: (r) => r.accepted, points: 'accepted' },
  { key: 'concluded', title: '办结', how: '其中已办结', value: (r) => r.concluded },
  { key: 'cosigned', title: '附议', how: '附议他人提案的次数', value: (r) => r.cosigned, points: 'cosigned' },
  {
    key: 'attendanceRate',
    title: '审议出席率',
    how: '审议投票 ÷ 应参加的审议（所在审议小组已审结或您已投票的提案）',
    // — when there was no review to attend.
    value: (r) => (r.reviews === 0 ? '—' : pct(r.attendanceRate)),
    detail: (r) => (r.reviews === 0 ? null : `${r.votes}/${r.reviews}`),
    points: 'attendance',
  },
  {
    key: 'satisfactionRate',
    title: '满意率',
    how: '提案和诉求收到的评价中，满意和基本满意所占比例',
    value: (r) => pct(r.satisfactionRate),
    detail: (r) => `${r.proposalsRated + r.requestsRated} 人次评价`,
    points: 'satisfaction',
  },
];

/** A figure on one line, its detail in brackets: 80.0%（8/10）. */
export function figureText(f: Figure, r: Figures) {
  const detail = f.detail?.(r);
  return detail ? `${f.value(r)}（${detail}）` : f.value(r);
}

/** How a figure scores, in words: "每件 5 分" or "比率 × 10 分". */
export const pointsRule = (rules: DutyRules | undefined, key: PointKey) =>
  rules ? (key === 'attendance' || key === 'satisfaction' ? `比率 × ${rules.points[key]} 分` : `每件 ${rules.points[key]} 分`) : '';
