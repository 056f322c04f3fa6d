import { Tag } from 'antd';
import type { RiskSignal } from './api';

/** The signal workflow's id, for its states' labels and tones. */
export const WORKFLOW = 'risk_signal';
export const DETAIL_WIDTH = 640;

/** 预警等级 in its own colour, as the union's 风险预警 reads it. */
const LEVEL_COLORS: Record<RiskSignal['level'], string> = { red: 'red', orange: 'orange', blue: 'blue' };

export function LevelTag({ level, label }: { level: RiskSignal['level']; label: string }) {
  return (
    <Tag color={LEVEL_COLORS[level]} data-testid="level-tag">
      {label}
    </Tag>
  );
}

/** An amount in fen as 元 (no decimals when whole). */
/** An amount typed in 元, as the server takes it: fen. */
export const toFen = (value: number | null | undefined) => (value == null ? null : Math.round(value * 100));
