/**
 * 满意度测评: the three words every module asks a person to rate with (a proposal's answer, a 零距离 reply,
 * a mediation's result), and the two that count as satisfied in a 满意率 ((满意 + 基本满意) ÷ rated).
 */
export const SATISFACTION = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
} as const;
export type Satisfaction = keyof typeof SATISFACTION;

export const COUNTS_AS_SATISFIED: readonly Satisfaction[] = ['satisfied', 'basically_satisfied'];
