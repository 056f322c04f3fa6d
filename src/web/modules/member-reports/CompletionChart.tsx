import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { BulletinRow } from './api';
import { MEASURES, pct } from './shared';

echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const FLAGGED = '#cf1322';
const LAST = '#fa8c16';
const SCORE = '#b7282e';
/** The reading town's own name (the 本单位 tag's blue). */
const OWN = '#0958d9';
const MEASURE_COLORS = ['#8fb3d9', '#a4cf9c', '#f2c48d'];

/** The tooltip is HTML and org names are typed in by staff. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * 通报图: each ranked district's 综合完成率 as a bar, in rank order, with the
 * three measures beside it; the district last twice running is red, the one
 * last this time orange. Rates above 100% are drawn at 100% (as scored) and
 * told exactly in the tooltip. `ownId`: the district reading it (a town), its name in bold blue.
 */
export function CompletionChart({ rows, ownId = null, height = 360 }: { rows: BulletinRow[]; ownId?: number | null; height?: number }) {
  const el = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    const ranked = rows.filter((r) => r.rank !== null);
    const color = (r: BulletinRow) => (r.flagged ? FLAGGED : r.last ? LAST : SCORE);
    const capped = (x: number | null) => (x === null ? null : Math.round(Math.min(x, 1) * 1000) / 10);
    chart.setOption({
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: { dataIndex: number }[]) => {
          const r = ranked[items[0]?.dataIndex ?? 0];
          if (!r) return '';
          const lines = [
            `<b>${escapeHtml(r.districtName)}</b> 第 ${r.rank} 名${r.flagged ? '（连续两次末位）' : r.last ? '（末位）' : ''}`,
            `综合完成率：${pct(r.score)}`,
            ...MEASURES.map((m) => `${m.label}：${r.ytd[m.key]} / ${r.target?.[m.key] || '—'}（${pct(r.rates[m.key])}）`),
          ];
          return lines.join('<br/>');
        },
      },
      // One scrolling line: wrapped on a phone, the legend ran into the bars' labels.
      legend: { top: 0, type: 'scroll', data: ['综合完成率', ...MEASURES.map((m) => `${m.label}完成率`)] },
      grid: { left: 48, right: 24, top: 40, bottom: 72 },
      xAxis: {
        type: 'category',
        data: ranked.map((r) => r.districtName),
        axisLabel: {
          interval: 0,
          rotate: ranked.length > 8 ? 30 : 0,
          formatter: (name: string) => {
            const r = ranked.find((x) => x.districtName === name);
            return r?.flagged ? `{flagged|${name}}` : r?.last ? `{last|${name}}` : r?.districtId === ownId ? `{own|${name}}` : name;
          },
          rich: { flagged: { color: FLAGGED, fontWeight: 'bold' }, last: { color: LAST, fontWeight: 'bold' }, own: { color: OWN, fontWeight: 'bold' } },
        },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: '综合完成率',
          type: 'bar',
          barMaxWidth: 36,
          data: ranked.map((r) => ({ value: capped(r.score), itemStyle: { color: color(r) } })),
          itemStyle: { color: SCORE },
          label: { show: true, position: 'top', formatter: ({ value }: { value: number | null }) => (value === null ? '' : `${value}%`) },
          markLine: { silent: true, symbol: 'none', data: [{ yAxis: 100 }], lineStyle: { type: 'dashed', color: '#999' }, label: { formatter: '目标' } },
        },
        ...MEASURES.map((m, i) => ({
          name: `${m.label}完成率`,
          type: 'bar',
          barMaxWidth: 14,
          itemStyle: { color: MEASURE_COLORS[i] },
          data: ranked.map((r) => capped(r.rates[m.key])),
        })),
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [rows, ownId]);

  return <div ref={el} style={{ width: '100%', height }} data-testid="bulletin-chart" role="img" aria-label="各单位目标完成率柱状图" />;
}
