// Home: what the current scope needs to see first thing in the morning.
import { h } from '../lib/vue.js';
import { api, query } from '../lib/api.js';
import { who } from '../lib/scope.js';
import { Chart } from '../lib/charts.js';
import { LiveAlerts, alertsUnavailable } from '../lib/alerts.js';
import { card, page, plate, problem, stat, notice, INDUSTRIES, PLATES, STATUSES } from '../lib/ui.js';

export default {
  data: () => ({ enterprise: null, counts: null, plates: null, industries: null, total: null, error: null }),
  async created() {
    try {
      const scope = who.scope;
      if (scope.enterpriseId) {
        [this.enterprise, this.counts] = await Promise.all([
          api(`/api/v1/enterprises/${scope.enterpriseId}`),
          api(`/api/v1/enterprises/${scope.enterpriseId}/scan-counts/today`),
        ]);
      } else {
        // Counts from the registry's own totals, one small query each.
        const zone = scope.zoneId && scope.role !== 'DISTRICT_ADMIN' ? scope.zoneId : undefined;
        const total = (filter) => api(`/api/v1/enterprises${query({ ...filter, zoneId: zone, size: 1 })}`)
          .then((result) => result.total);
        const plates = Object.keys(PLATES);
        const industries = Object.keys(INDUSTRIES);
        const [all, ...counts] = await Promise.all([total({}), ...plates.map((p) => total({ plate: p })),
          ...industries.map((industry) => total({ industry }))]);
        this.total = all;
        this.plates = Object.fromEntries(plates.map((p, i) => [p, counts[i]]));
        this.industries = Object.fromEntries(industries.map((ind, i) => [ind, counts[plates.length + i]]))
      }
    } catch (error) { this.error = error; }
  },
  methods: {
    /** A gate alert means today's counts moved: read them again. */
    async reloadCounts() {
      try {
        this.counts = await api(`/api/v1/enterprises/${who.scope.enterpriseId}/scan-counts/today`);
      } catch (error) { this.error = error; }
    },
  },
  render() {
    const scope = who.scope;
    if (this.error) return page('首页', [], problem(this.error));
    if (scope.enterpriseId) {
      const e = this.enterprise;
      return page('首页', [], h('div', { class: 'grid' }, [
        card(e ? e.name : '企业', e ? h('dl', { class: 'facts' }, [
          h('dt', '挂牌'), h('dd', plate(e.plate)),
          h('dt', '状态'), h('dd', STATUSES[e.status]),
          h('dt', '员工人数'), h('dd', String(e.headcount)),
        ]) : notice('正在加载…'), e ? h('a', { href: `#/enterprises/${e.id}` }, '查看企业档案与门岗二维码') : null),
        card('今日扫码', this.counts ? h('div', { class: 'stats' }, [
          stat('准入', this.counts.admitted, 'ok'), stat('拒绝', this.counts.denied, 'warn'),
          stat('体温异常', this.counts.fevers, 'bad'),
        ]) : notice('正在加载…')),
        scope.role === 'GUIDE' ? alertsUnavailable() : h(LiveAlerts, { onAlert: () => this.reloadCounts() }),
      ]));
    }
    return page('首页', [], h('div', { class: 'grid' }, [
      card('辖区企业', this.plates ? h('div', { class: 'stats' }, [
        stat('企业总数', this.total),
        stat('蓝牌', this.plates.BLUE, 'blue'), stat('黄牌', this.plates.YELLOW, 'yellow'),
        stat('红牌', this.plates.RED, 'red'),
        stat('未挂牌', this.total - this.plates.BLUE - this.plates.YELLOW - this.plates.RED),
      ]) : notice('正在加载…')),
      card('挂牌分布', this.plates ? h(Chart, {
        label: '挂牌分布饼图', option: {
          tooltip: { trigger: 'item' },
          legend: { bottom: 0, data: ['蓝牌', '黄牌', '红牌', '未挂牌'] },
          series: [{ type: 'pie', radius: ['38%', '62%'], center: ['50%', '45%'],
            label: { formatter: '{b}\n{c} 家', overflow: 'none' },
            data: [{ name: '蓝牌', value: this.plates.BLUE, itemStyle: { color: '#1e6fd9' } },
              { name: '黄牌', value: this.plates.YELLOW, itemStyle: { color: '#e0a800' } },
              { name: '红牌', value: this.plates.RED, itemStyle: { color: '#d93025' } },
              { name: '未挂牌', value: this.total - this.plates.BLUE - this.plates.YELLOW - this.plates.RED,
                itemStyle: { color: '#9aa5b1' } }].filter((slice) => slice.value > 0) }],
        },
      }) : notice('正在加载…')),
      card('分行业企业数', this.industries ? h(Chart, {
        label: '分行业企业数柱状图', height: '300px', option: {
          grid: { left: 90, right: 20, top: 10, bottom: 30 },
          tooltip: {},
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', data: Object.keys(this.industries).map((key) => INDUSTRIES[key]).reverse() },
          series: [{ type: 'bar', data: Object.values(this.industries).reverse(), itemStyle: { color: '#1e6fd9' } }],
        },
      }) : notice('正在加载…')),
      h(LiveAlerts),
    ]));
  },
};
