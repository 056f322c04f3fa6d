import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { ProposalStatistics } from './api';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const CATEGORY_COLORS = ['#389e0d', '#1677ff', '#faad14'];
const STAGE_COLORS = ['#8fb3d9', '#b7282e', '#a4cf9c'];

/** An echarts instance on a div for as long as it is shown, redrawn when `option` changes (callers memoise it) and on resize. */
function useChart(option: echarts.EChartsCoreOption) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return el;
}

/** 答复类别: how the answered proposals were answered (A 已解决或采纳, B 列入计划, C 留作参考). */
export function CategoryPie({ categories, height = 260 }: { categories: ProposalStatistics['totals']['categories']; height?: number }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
      // The slices say only 「A 类」, the legend what it means: the long labels would be cut at the chart's edge.
      legend: { bottom: 0, formatter: (name: string) => `${name} · ${categories.find((c) => `${c.code} 类` === name)?.label ?? ''}` },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          center: ['50%', '44%'],
          color: CATEGORY_COLORS,
          label: { formatter: '{b}\n{c} 件' },
          data: categories.map((c) => ({ name: `${c.code} 类`, value: c.count })),
        },
      ],
    }),
    [categories],
  );
  const el = useChart(option);
  return <div ref={el} style={{ width: '100%', height }} role="img" aria-label="答复类别饼图" data-testid="category-chart" />;
}

type FieldRow = ProposalStatistics['byField'][number];
const STAGES: { name: string; value: (r: FieldRow) => number }[] = [
  { name: '提交', value: (r) => r.submitted },
  { name: '立案', value: (r) => r.accepted },
  { name: '已答复', value: (r) => r.answered },
];

/** Each field's proposals: submitted, accepted (立案), answered; fields without any are left out. */
export function FieldBars({ rows, height = 260 }: { rows: FieldRow[]; height?: number }) {
  const option = useMemo(() => {
    const shown = rows.filter((r) => r.submitted > 0);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 36, right: 16, top: 36, bottom: 48 },
      xAxis: { type: 'category', data: shown.map((r) => r.label), axisLabel: { interval: 0, width: 80, overflow: 'break' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: STAGES.map((stage, i) => ({ name: stage.name, type: 'bar', barMaxWidth: 20, itemStyle: { color: STAGE_COLORS[i] }, data: shown.map(stage.value) })),
    };
  }, [rows]);
  const el = useChart(option);
  return <div ref={el} style={{ width: '100%', height }} role="img" aria-label="各类别提案柱状图" data-testid="field-chart" />;
}
