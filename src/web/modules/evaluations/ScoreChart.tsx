import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { SurveyResults } from './api';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** A statement's topic: what comes before its colon (维权服务：…), or its first characters. */
const topic = (text: string) => text.split('：')[0].slice(0, 8);

/** 各题平均分: this period's average per question as bars, last period's beside it when there is one (0–5). */
export function ScoreChart({ results, height = 320 }: { results: SurveyResults; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    const withPrevious = results.previous !== null;
    chart.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: withPrevious ? ['本期', `上期（${results.previous?.period}）`] : ['本期'] },
      grid: { left: 40, right: 16, top: 36, bottom: 64 },
      xAxis: { type: 'category', data: results.questions.map((q) => topic(q.text)), axisLabel: { interval: 0, rotate: results.questions.length > 5 ? 30 : 0 } },
      yAxis: { type: 'value', min: 0, max: 5 },
      series: [
        { name: '本期', type: 'bar', data: results.questions.map((q) => q.average), itemStyle: { color: '#b7282e' }, label: { show: true, position: 'top' } },
        ...(withPrevious ? [{ name: `上期（${results.previous?.period}）`, type: 'bar', data: results.questions.map((q) => q.previousAverage), itemStyle: { color: '#c9cdd4' } }] : []),
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [results]);
  return <div ref={el} style={{ width: '100%', height }} data-testid="score-chart" />;
}
