/** A ratio as 66.7%; — when there is nothing to divide by (the server sends null). */
export const pct = (ratio: number | null | undefined) => (ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)}%`);
