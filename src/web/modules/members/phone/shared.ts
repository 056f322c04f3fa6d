/** Small helpers of the worker's own pages (我的会籍). */

/** 会龄 as the card shows it. */
export const yearsText = (years: number) => (years < 1 ? '不满 1 年' : `${years} 年`);

/** A time the server sent, as a day and time in Beijing. */
export const beijingTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
