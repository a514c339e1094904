import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';

// Only the pieces the dashboard draws: this chunk loads with /statistics and no other page.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  name: string;
  values: number[];
}

export interface FigureChartProps {
  kind: 'bar' | 'horizontalBar' | 'donut';
  categories: string[];
  series: ChartSeries[];
}

/** Chart text as dark as the page's (ECharts' grey is faint on white). */
const TEXT = 'rgba(0, 0, 0, 0.88)';

/** Darker than ECharts' defaults, so bars and slices stand apart from white (WCAG 1.4.11: 3:1). */
const PALETTE = ['#0958d9', '#d46b08', '#389e0d', '#c41d7f', '#531dab', '#08979c', '#ad2102', '#876800', '#1d39c4', '#595959'];

/**
 * One chart of the dashboard. The page wraps it in role="img" with the figures in words, and the
 * table beside it has every number: the canvas is for the eye.
 */
export default function FigureChart({ kind, categories, series }: FigureChartProps) {
  const legend = series.length > 1 ? { legend: { top: 0, textStyle: { color: TEXT } } } : {};
  const option =
    kind === 'donut'
      ? {
          color: PALETTE,
          tooltip: { trigger: 'item' },
          legend: { bottom: 0, type: 'scroll', textStyle: { color: TEXT } },
          series: [
            {
              type: 'pie',
              radius: ['40%', '68%'],
              center: ['50%', '45%'],
              label: { formatter: '{b}: {c}', color: TEXT },
              data: categories.map((name, i) => ({ name, value: series[0]?.values[i] ?? 0 })),
            },
          ],
        }
      : {
          color: PALETTE,
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          ...legend,
          grid: { left: 8, right: 24, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
          [kind === 'bar' ? 'xAxis' : 'yAxis']: {
            type: 'category',
            data: categories,
            inverse: kind === 'horizontalBar',
            axisLabel: { interval: 0, width: 120, overflow: 'break', color: TEXT },
          },
          [kind === 'bar' ? 'yAxis' : 'xAxis']: { type: 'value', minInterval: 1, axisLabel: { color: TEXT } },
          series: series.map((s) => ({
            type: 'bar',
            name: s.name,
            data: s.values,
            barMaxWidth: 36,
            label: { show: true, position: kind === 'bar' ? 'top' : 'right', color: TEXT },
          })),
        };
  const height = kind === 'horizontalBar' ? Math.max(160, categories.length * 36 + 40) : 260;
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} opts={{ renderer: 'canvas' }} />;
}
