// 返岗人员: who came back from outside the city, who is still under 14-day observation, who has
// not reported, who is unwell. Names, phones and ID numbers arrive masked; reading one
// returnee, the list of those who missed a report, and every export are audited.
import { h, reactive } from '../lib/vue.js';
import { api, call, download, query } from '../lib/api.js';
import { who, overseer } from '../lib/scope.js';
import { go, route } from '../lib/router.js';
import { badge, button, card, field, notice, page, pager, problem, stat, table, time } from '../lib/ui.js';

export const RETURNEE_STATUSES = {
  EXPECTED: '待返岗', IN_OBSERVATION: '隔离观察中', CLEARED: '已解除观察', REPORT_OVERDUE: '未按时报告',
  ABNORMAL: '健康异常',
};
const TONES = { EXPECTED: 'plain', IN_OBSERVATION: 'yellow', CLEARED: 'blue', REPORT_OVERDUE: 'yellow', ABNORMAL: 'red' };
const FLAGS = { HIGH_RISK_REGION: '途经高风险地区', CONTACT_WITH_CASE: '接触确诊或疑似病例' };
const TRANSPORTS = { TRAIN: '火车', PLANE: '飞机', BUS: '客车', CAR: '自驾', SHIP: '轮船', OTHER: '其他' };
const TEST_RESULTS = { NEGATIVE: '阴性', POSITIVE: '阳性', PENDING: '待出结果' };

const status = (value) => badge(RETURNEE_STATUSES[value] || value, TONES[value]);

/** The scope's filter: its enterprise, or the official's zone (the district admin sees all). */
function scopeFilter(zoneId) {
  if (who.scope.enterpriseId) return { enterpriseId: who.scope.enterpriseId };
  if (zoneId) return { zoneId };
  return who.scope.role === 'DISTRICT_ADMIN' ? {} : { zoneId: who.scope.zoneId };
}

/** The staff sheet (上岗人员摸排表): upload, progress while it runs, each rejected row. */
const StaffImport = {
  data: () => ({ job: null, error: null, timer: null }),
  beforeUnmount() { clearTimeout(this.timer); },
  methods: {
    async upload(event) {
      event.preventDefault();
      const input = event.target.querySelector('input[type=file]');
      if (!input.files.length) return;
      const form = new FormData();
      form.append('file', input.files[0]);
      this.error = null;
      try {
        const answer = await (await call(`/api/v1/enterprises/${who.scope.enterpriseId}/staff-imports`,
          { method: 'POST', body: form })).json();
        input.value = '';
        this.poll(answer.importId);
      } catch (error) { this.error = error; }
    },
    async poll(id) {
      try {
        this.job = await api(`/api/v1/staff-imports/${id}`);
        if (this.job.state === 'RUNNING') this.timer = setTimeout(() => this.poll(id), 1000);
        else this.$emit('done');
      } catch (error) { this.error = error; }
    },
  },
  render() {
    const job = this.job;
    return card('导入上岗人员摸排表', h('p', { class: 'muted' }, [
      '按模板填写后上传（XLSX 或 UTF-8 编码的 CSV）。同一文件重复导入不会重复登记。',
      button('下载模板', () => download('/api/v1/staff-imports/template?format=xlsx', '上岗人员摸排表.xlsx')
        .catch((error) => { this.error = error; }), { kind: 'plain' }),
    ]),
    h('form', { class: 'inline-form', onSubmit: this.upload, 'aria-label': '导入摸排表' }, [
      h('div', { class: 'field' }, [h('label', { for: 'staff-sheet' }, '摸排表文件'),
        h('input', { id: 'staff-sheet', type: 'file', accept: '.xlsx,.csv', required: true })]),
      button('上传并导入', null, { type: 'submit', disabled: job?.state === 'RUNNING' }),
    ]),
    problem(this.error),
    job ? h('div', { role: 'status' }, [
      job.state === 'RUNNING'
        ? h('p', `正在导入：${job.processed} / ${job.rows} 行`)
        : job.state === 'DONE'
          ? h('p', `导入完成：共 ${job.rows} 行，新登记 ${job.imported} 人，未变 ${job.unchanged} 人，有误 ${job.rejectedCount} 行。`)
          : notice(`整个文件未能导入：${job.failure?.message || job.state}`, 'error'),
      job.rejected?.length ? table([
        { label: '行号', value: (r) => String(r.row) },
        { label: '列', value: (r) => r.column || r.field || '' },
        { label: '原因', value: (r) => r.message },
      ], job.rejected, { caption: '有误的行' }) : null,
    ]) : null);
  },
};

export const Returnees = {
  data: () => ({ filter: reactive({ status: '', zoneId: '' }), result: null, summary: null, error: null }),
  created() { this.load(0); },
  methods: {
    params() { return { ...scopeFilter(this.filter.zoneId), status: this.filter.status || undefined }; },
    async load(pageNumber) {
      this.error = null;
      try {
        const params = this.params();
        [this.result, this.summary] = await Promise.all([
          api(`/api/v1/returnees${query({ ...params, page: pageNumber, size: 20 })}`),
          api(`/api/v1/returnees/summary${query({ enterpriseId: params.enterpriseId, zoneId: params.zoneId })}`),
        ]);
      } catch (error) { this.error = error; }
    },
    exportAs(format) {
      download(`/api/v1/returnees/export${query({ ...this.params(), format })}`, `返岗人员.${format}`)
        .catch((error) => { this.error = error; });
    },
  },
  render() {
    const zones = Object.fromEntries(who.zones.map((zone) => [zone.id, zone.name]));
    const manager = who.scope.role === 'ENTERPRISE_MANAGER';
    return page('返岗人员', [
      button('导出 Excel', () => this.exportAs('xlsx'), { kind: 'plain' }),
      button('导出 CSV', () => this.exportAs('csv'), { kind: 'plain' }),
    ],
    h('p', { class: 'muted' }, '姓名、手机号、身份证号均已脱敏；查看详情和导出均记录在审计日志中。'),
    problem(this.error),
    this.summary ? card('概况', h('div', { class: 'stats' }, [
      stat('合计', this.summary.total),
      ...Object.entries(RETURNEE_STATUSES).map(([key, label]) => stat(label, this.summary[key] ?? 0,
        key === 'ABNORMAL' ? 'bad' : key === 'REPORT_OVERDUE' || key === 'IN_OBSERVATION' ? 'warn' : undefined)),
    ])) : null,
    manager ? h(StaffImport, { onDone: () => this.load(0) }) : null,
    h('form', { class: 'filters', role: 'search', onSubmit: (event) => { event.preventDefault(); this.load(0); } }, [
      field('状态', this.filter, 'status', { options: RETURNEE_STATUSES }),
      overseer() ? field('区域', this.filter, 'zoneId', { options: zones }) : null,
      button('查询', null, { type: 'submit' }),
    ]),
    this.result ? table([
      { label: '姓名', value: (r) => r.maskedName },
      { label: '手机号', value: (r) => r.maskedPhone },
      { label: '企业', value: (r) => r.enterpriseName },
      { label: '来自', value: (r) => r.originName },
      { label: '抵达', value: (r) => time(r.arrivedAt || r.expectedArrivalAt) },
      { label: '观察至', value: (r) => time(r.observationEndsAt) },
      { label: '状态', value: (r) => [status(r.status), ...(r.flags || []).map((f) => badge(FLAGS[f] || f, 'red'))] },
    ], this.result.items, { empty: '没有符合条件的返岗人员', caption: '返岗人员列表',
      onRow: (r) => go(`/returnees/${r.id}`) }) : null,
    pager(this.result, (n) => this.load(n)));
  },
};

/** One returnee: travel, nucleic-acid tests, health reports (the read is audited). */
export const ReturneeDetail = {
  data: () => ({ returnee: null, error: null, test: reactive({ takenAt: '', result: 'NEGATIVE' }), message: null }),
  computed: { id() { return route.params.id; } },
  created() { this.load(); },
  methods: {
    async load() {
      try { this.returnee = await api(`/api/v1/returnees/${this.id}`); } catch (error) { this.error = error; }
    },
    async addTest(event) {
      event.preventDefault();
      this.error = null;
      try {
        await api(`/api/v1/returnees/${this.id}/tests`, { method: 'POST',
          json: { takenAt: new Date(this.test.takenAt).toISOString(), result: this.test.result } });
        this.message = '已记录核酸检测结果';
        await this.load();
      } catch (error) { this.error = error; }
    },
  },
  render() {
    const r = this.returnee;
    if (!r) return page('返岗人员', [], this.error ? problem(this.error) : notice('正在加载…'));
    return page(`${r.maskedName}（${r.maskedPhone}）`, [button('返回列表', () => go('/returnees'), { kind: 'plain' })],
      problem(this.error), this.message ? notice(this.message, 'ok') : null,
      h('div', { class: 'grid' }, [
        card('一人一档', h('dl', { class: 'facts' }, [
          h('dt', '状态'), h('dd', [status(r.status), ...(r.flags || []).map((f) => badge(FLAGS[f] || f, 'red'))]),
          h('dt', '企业'), h('dd', r.enterpriseName),
          h('dt', '身份证号'), h('dd', r.maskedIdNumber || '—'),
          h('dt', '来自'), h('dd', r.originName),
          h('dt', '交通方式'), h('dd', TRANSPORTS[r.transport] || r.transport || '—'),
          h('dt', '出发'), h('dd', time(r.departedAt) || '—'),
          h('dt', '抵达'), h('dd', time(r.arrivedAt) || `预计 ${time(r.expectedArrivalAt)}`),
          h('dt', '观察期至'), h('dd', time(r.observationEndsAt) || '—'),
          h('dt', '登记'), h('dd', `${time(r.registeredAt)}（${r.source === 'SELF' ? '本人申报' : '企业登记'}）`),
        ])),
        card('14 天行程', table([
          { label: '地区', value: (leg) => leg.regionName || leg.region },
          { label: '自', value: (leg) => time(leg.from) },
          { label: '至', value: (leg) => time(leg.to) },
        ], r.travel, { empty: '未申报途经地', caption: '行程' })),
      ]),
      card('核酸检测', table([
        { label: '采样时间', value: (t) => time(t.takenAt) },
        { label: '结果', value: (t) => badge(TEST_RESULTS[t.result] || t.result, t.result === 'POSITIVE' ? 'red' : 'plain') },
        { label: '记录时间', value: (t) => time(t.recordedAt) },
      ], r.tests, { empty: '暂无检测记录', caption: '核酸检测' }),
      h('form', { class: 'inline-form', onSubmit: this.addTest, 'aria-label': '记录核酸检测' }, [
        field('采样时间', this.test, 'takenAt', { type: 'datetime-local', required: true }),
        field('结果', this.test, 'result', { options: TEST_RESULTS, required: true }),
        button('记录', null, { type: 'submit' }),
      ])),
      card('健康报告', table([
        { label: '时间', value: (rep) => time(rep.reportedAt) },
        { label: '时段', value: (rep) => (rep.slot === 'MORNING' ? '上午' : rep.slot === 'AFTERNOON' ? '下午' : rep.slot) },
        { label: '体温', value: (rep) => (rep.temperature ? `${rep.temperature} ℃` : '—') },
        { label: '症状', value: (rep) => (rep.symptoms?.length ? rep.symptoms.join('、') : '无') },
        { label: '', value: (rep) => (rep.abnormal ? badge('异常', 'red') : '') },
      ], r.reports, { empty: '观察期内暂无健康报告', caption: '健康报告' })));
  },
};
