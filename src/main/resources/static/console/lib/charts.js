// ECharts in a Vue component: one chart, its option as a prop.
import { h } from './vue.js';
import * as echarts from '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';

export const Chart = {
  props: { option: Object, label: String, height: { type: String, default: '260px' } },
  mounted() {
    // Canvas, and tooltips drawn in it: the SVG renderer and HTML tooltips set style
    // attributes, which the Content-Security-Policy refuses.
    this.chart = echarts.init(this.$el, null, { renderer: 'canvas' });
    this.chart.setOption(withTooltips(this.option));
    this.resize = () => this.chart.resize();
    window.addEventListener('resize', this.resize);
  },
  updated() { this.chart.setOption(withTooltips(this.option), true); },
  beforeUnmount() {
    window.removeEventListener('resize', this.resize);
    this.chart.dispose();
  },
  watch: { option() { this.chart?.setOption(withTooltips(this.option), true); } },
  render() {
    return h('div', { class: 'chart', role: 'img', 'aria-label': this.label, style: { height: this.height } });
  },
};

/** Tooltips drawn in the canvas; no animation (it only delays what a desk worker reads). */
function withTooltips(option) {
  const still = { ...option, animation: false };
  return option.tooltip ? { ...still, tooltip: { ...option.tooltip, renderMode: 'richText' } } : still;
}
