/** A ratio as 66.7%; — when there is nothing to divide by (the server sends null). */
export const pct = (ratio: number | null | undefined) => (ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)}%`);

/** A count as reports write it: 3,158. */
export const count = (n: number) => n.toLocaleString('zh-CN');
