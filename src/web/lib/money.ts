/** An amount kept in fen, as an office writes it: 7,705.29 元 (one form on every page: dues, claims, risks). */
export const yuan = (fen: number | null | undefined) =>
  fen == null ? '—' : `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
