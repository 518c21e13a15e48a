// 复工统计: an official's (or the district admin's) picture of its zones — resumption by zone
// and industry, plates, returnees in observation, the guides' report coverage today and the
// enterprises still without today's report, the difficulties waiting for an answer — and the
// files for the daily report to the district (日报). The figures come from the maintained
// counters (GET /api/v1/stats/...), a second old at most.
import { h, reactive } from '../lib/vue.js';
import { api, download, query } from '../lib/api.js';
import { who } from '../lib/scope.js';
import { Chart } from '../lib/charts.js';
import { badge, button, card, field, notice, page, problem, stat, table, time, INDUSTRIES } from '../lib/ui.js';
import { DEPARTMENTS, PROBLEM_CATEGORIES, problemStatus } from './guide.js';

const percent = (ratio) => `${(ratio * 100).toFixed(1)}%`;

/** The zone the scope oversees (none: the district admin's whole district). */
const scopeZone = () => (who.scope.role === 'DISTRICT_ADMIN' ? undefined : who.scope.zoneId);

/** An official's answer to a difficulty: take it in hand, or resolve it with the answer. */
const Answer = {
  props: ['item'],
  emits: ['done', 'cancel'],
  data: () => ({ text: '', error: null, busy: false }),
  methods: {
    async submit(event) {
      event.preventDefault();
      this.busy = true;
      this.error = null;
      const resolving = this.item.status === 'IN_PROGRESS';
      const body = resolving ? { status: 'RESOLVED', answer: this.text.trim() }
        : { status: 'IN_PROGRESS', note: this.text.trim() || undefined };
      try {
        await api(`/api/v1/problems/${this.item.id}`, { method: 'PATCH', json: body });
        this.$emit('done');
      } catch (error) { this.error = error; }
      this.busy = false;
    },
  },
  render() {
    const resolving = this.item.status === 'IN_PROGRESS';
    const label = resolving ? '答复内容（办结）' : '受理意见（可不填）';
    return h('form', { class: 'reason', onSubmit: this.submit, 'aria-label': resolving ? '办结问题' : '受理问题' }, [
      h('label', { for: 'answer-text' }, label),
      h('textarea', { id: 'answer-text', required: resolving, maxlength: 2000, rows: 3, value: this.text,
        onInput: (event) => { this.text = event.target.value; } }),
      problem(this.error),
      h('div', { class: 'actions' }, [
        button(resolving ? '办结' : '受理', null, { type: 'submit', disabled: this.busy }),
        button('取消', () => this.$emit('cancel'), { kind: 'plain' }),
      ]),
    ]);
  },
};

export default {
  data: () => ({ stats: null, missing: null, problems: null, names: {}, answering: null, error: null,
    filter: reactive({ industry: '' }) }),
  created() { this.load(); },
  methods: {
    async load() {
      this.error = null;
      const zoneId = scopeZone();
      try {
        const [stats, missing, open, inHand] = await Promise.all([
          api(`/api/v1/stats/resumption${query({ zoneId, industry: this.filter.industry || undefined })}`),
          api(`/api/v1/guide-reports/missing${query({ zoneId, size: 50 })}`),
          api(`/api/v1/problems${query({ zoneId, status: 'OPEN', size: 50 })}`),
          api(`/api/v1/problems${query({ zoneId, status: 'IN_PROGRESS', size: 50 })}`),
        ]);
        const problems = [...open.items, ...inHand.items];
        const unknown = [...new Set(problems.map((p) => p.enterpriseId))].filter((id) => !this.names[id]);
        const found = await Promise.all(unknown.map((id) => api(`/api/v1/enterprises/${id}`).catch(() => null)));
        found.forEach((enterprise, i) => { this.names[unknown[i]] = enterprise ? enterprise.name : '（辖区外或已注销）'; });
        Object.assign(this, { stats, missing, problems, answering: null });
      } catch (error) { this.error = error; }
    },
    exportFile(path, name) {
      download(path, name).catch((error) => { this.error = error; });
    },
  },
  render() {
    const zoneId = scopeZone();
    const s = this.stats;
    const total = s?.total;
    const rowName = (row) => row.zoneName || row.industryLabel || INDUSTRIES[row.industry] || '';
    const columns = (first) => [
      { label: first, value: rowName },
      { label: '企业数', value: (r) => String(r.enterprises) },
      { label: '已备案', value: (r) => String(r.filed) },
      { label: '已复工', value: (r) => String(r.resumed) },
      { label: '复工率', value: (r) => percent(r.resumptionRate) },
      { label: '蓝/黄/红牌', value: (r) => `${r.plates.BLUE} / ${r.plates.YELLOW} / ${r.plates.RED}` },
      { label: '返岗人员', value: (r) => String(r.returnees) },
      { label: '医学观察中', value: (r) => String(r.inObservation) },
      { label: '今日日报', value: (r) => `${r.reportedToday} / ${r.guided}` },
      { label: '未解决问题', value: (r) => String(r.openProblems) },
    ];
    return page('复工统计', [
      button('下载日报（Excel）', () => this.exportFile(`/api/v1/stats/daily-report.xlsx${query({ zoneId })}`,
        `复工日报-${s?.date || ''}.xlsx`)),
      button('导出按区域（CSV）', () => this.exportFile(
        `/api/v1/stats/resumption/export${query({ by: 'zone', format: 'csv', zoneId })}`, '复工情况-按区域.csv'),
      { kind: 'plain' }),
      button('导出按行业（CSV）', () => this.exportFile(
        `/api/v1/stats/resumption/export${query({ by: 'industry', format: 'csv', zoneId })}`, '复工情况-按行业.csv'),
      { kind: 'plain' }),
    ],
    problem(this.error),
    h('form', { class: 'filters', role: 'search', onSubmit: (event) => { event.preventDefault(); this.load(); } }, [
      field('行业', this.filter, 'industry', { options: INDUSTRIES }),
      button('筛选', null, { type: 'submit' }),
    ]),
    !s ? notice('正在加载…') : h('div', { class: 'grid' }, [
      card(`辖区概况（${s.date}，${time(s.asOf)} 统计）`, h('div', { class: 'stats' }, [
        stat('企业总数', total.enterprises), stat('已备案', total.filed), stat('已复工', total.resumed, 'ok'),
        stat('复工率', percent(total.resumptionRate)),
        stat('蓝牌', total.plates.BLUE, 'blue'), stat('黄牌', total.plates.YELLOW, 'yellow'),
        stat('红牌', total.plates.RED, 'red'),
        stat('返岗人员', total.returnees), stat('医学观察中', total.inObservation, 'warn'),
        stat('今日日报', `${total.reportedToday} / ${total.guided}`),
        stat('未解决问题', total.openProblems, total.openProblems ? 'warn' : undefined),
      ])),
      card('各区域复工率', h(Chart, {
        label: '各区域复工率柱状图', option: {
          grid: { left: 110, right: 56, top: 10, bottom: 30 },
          tooltip: {},
          xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
          yAxis: { type: 'category', data: s.byZone.map(rowName).reverse() },
          series: [{ type: 'bar', data: s.byZone.map((r) => Math.round(r.resumptionRate * 1000) / 10).reverse(),
            itemStyle: { color: '#1e6fd9' }, label: { show: true, position: 'right', formatter: '{c}%' } }],
        },
      })),
    ]),
    s ? card('按区域', table(columns('区域'), s.byZone, { caption: '按区域' })) : null,
    s ? card('按行业', table(columns('行业'), s.byIndustry.filter((r) => r.enterprises > 0),
      { caption: '按行业', empty: '没有企业' })) : null,
    this.missing ? card(`今日未报日报的企业（${this.missing.total}）`, table([
      { label: '企业', value: (m) => h('a', { href: `#/enterprises/${m.enterpriseId}` }, m.enterpriseName) },
      { label: '派驻指导员', value: (m) => m.guides.map((g) => DEPARTMENTS[g.department]).join('、') },
    ], this.missing.items, { empty: '所有派驻了指导员的企业今日都已上报', caption: '今日未报日报的企业' })) : null,
    this.problems ? card(`待办的企业困难问题（${this.problems.length}）`, table([
      { label: '企业', value: (p) => h('a', { href: `#/enterprises/${p.enterpriseId}` }, this.names[p.enterpriseId]) },
      { label: '类别', value: (p) => PROBLEM_CATEGORIES[p.category] },
      { label: '问题', value: (p) => p.description },
      { label: '状态', value: (p) => [problemStatus(p.status), p.overdue ? badge('超期', 'red') : null] },
      { label: '提出时间', value: (p) => time(p.reportedAt) },
      { label: '操作', value: (p) => (this.answering === p.id
        ? h(Answer, { item: p, onDone: () => this.load(), onCancel: () => { this.answering = null; } })
        : button(p.status === 'OPEN' ? '受理' : '办结', () => { this.answering = p.id; }, { kind: 'plain' })) },
    ], this.problems, { empty: '没有待办的问题', caption: '待办的企业困难问题' })) : null);
  },
};
