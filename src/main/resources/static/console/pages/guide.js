// 驻企工作: a resident guide's day in the enterprise of its current scope — today's 指导员日报,
// prefilled with what the platform knows so the guide confirms rather than counts; its team
// (一对一, two guides from different departments); the enterprise's difficulties (企业困难问题)
// to report and follow. The server checks that the guide is stationed there.
import { h, reactive } from '../lib/vue.js';
import { api } from '../lib/api.js';
import { who } from '../lib/scope.js';
import { badge, button, card, field, notice, page, problem, table, time } from '../lib/ui.js';

export const DEPARTMENTS = { INDUSTRY: '行业主管部门', PARK: '园区', TOWN: '镇街', HEALTH: '卫生健康系统' };
export const PROBLEM_CATEGORIES = {
  SUPPLIES: '防疫物资', LABOUR: '用工', LOGISTICS: '物流运输', ENERGY: '水电气能源', FUNDING: '资金', POLICY: '政策',
  OTHER: '其他',
};
export const PROBLEM_STATUSES = { OPEN: '待受理', IN_PROGRESS: '办理中', RESOLVED: '已解决' };
const PROBLEM_TONES = { OPEN: 'yellow', IN_PROGRESS: 'blue', RESOLVED: 'plain' };
const SOURCES = {
  TODAY_REPORT: '今日已报', SCANS: '据今日门岗扫码', LAST_REPORT: '据上次日报', RETURNEES: '据返岗人员档案',
};
const FIGURES = [
  ['returned', '已返岗人数'], ['local', '其中本地'], ['outOfTown', '其中外地'], ['planned', '计划返岗人数'],
  ['inObservation', '医学观察中'],
];

export const problemStatus = (value) => badge(PROBLEM_STATUSES[value] || value, PROBLEM_TONES[value]);

/** Today's report: the prefilled figures, each with where it came from; filing again amends it. */
const ReportForm = {
  props: ['stationed', 'message'],
  emits: ['filed'],
  data() {
    const today = this.stationed.today;
    const form = reactive({ notes: today.current?.notes || '' });
    for (const [key] of FIGURES) form[key] = today[key] ?? '';
    return { form, error: null, busy: false };
  },
  methods: {
    async submit(event) {
      event.preventDefault();
      this.busy = true;
      this.error = null;
      const body = { enterpriseId: this.stationed.enterpriseId, notes: this.form.notes.trim() || undefined };
      for (const [key] of FIGURES) body[key] = this.form[key] === '' ? null : Number(this.form[key]);
      try {
        const filed = await api('/api/v1/guide-reports', { method: 'POST', json: body });
        // The page reads today's form again, a new form: it keeps the message.
        this.$emit('filed', filed.version > 1 ? `已更正今日日报（第 ${filed.version} 版，之前的版本已保留）。`
          : '今日日报已上报。');
      } catch (error) { this.error = error; }
      this.busy = false;
    },
  },
  render() {
    const today = this.stationed.today;
    const sources = today.sources || {};
    return card(`今日日报（${today.date}）`,
      today.reported
        ? notice(`今日已上报第 ${today.current.version} 版（${time(today.current.filedAt)}）。如有变化可更正，之前的版本会保留。`, 'ok')
        : notice('今日尚未上报。已按平台掌握的数据预填，请核对后上报。'),
      h('form', { class: 'report-form', onSubmit: this.submit, 'aria-label': '指导员日报' }, [
        h('div', { class: 'form-grid' }, FIGURES.map(([key, label]) => field(label, this.form, key, {
          type: 'number', required: true, min: 0, max: 1000000,
          hint: sources[key] && sources[key] !== 'TODAY_REPORT' ? SOURCES[sources[key]] : null,
        }))),
        field('情况说明', this.form, 'notes', { type: 'textarea', maxlength: 2000 }),
        h('p', { class: 'muted' }, '已返岗人数应等于本地与外地员工之和。'),
        problem(this.error),
        this.message ? notice(this.message, 'ok') : null,
        button(today.reported ? '更正今日日报' : '上报今日日报', null, { type: 'submit', disabled: this.busy }),
      ]));
  },
};

/** The enterprise's open difficulties, and a form to report one. */
export const Problems = {
  props: ['enterpriseId'],
  data: () => ({ items: null, form: reactive({ category: '', description: '' }), error: null, busy: false }),
  created() { this.load(); },
  methods: {
    async load() {
      try { this.items = await api(`/api/v1/enterprises/${this.enterpriseId}/problems`); } catch (error) { this.error = error; }
    },
    async submit(event) {
      event.preventDefault();
      this.busy = true;
      this.error = null;
      try {
        await api('/api/v1/problems', { method: 'POST', json: {
          enterpriseId: this.enterpriseId, category: this.form.category, description: this.form.description.trim(),
        } });
        Object.assign(this.form, { category: '', description: '' });
        await this.load();
      } catch (error) { this.error = error; }
      this.busy = false;
    },
  },
  render() {
    return card('企业困难问题', this.items ? table([
      { label: '类别', value: (p) => PROBLEM_CATEGORIES[p.category] },
      { label: '问题', value: (p) => p.description },
      { label: '状态', value: (p) => [problemStatus(p.status), p.overdue ? badge('超期', 'red') : null] },
      { label: '提出时间', value: (p) => time(p.reportedAt) },
    ], this.items, { empty: '没有未解决的问题', caption: '未解决的问题' }) : notice('正在加载…'),
    h('form', { class: 'inline-form', onSubmit: this.submit, 'aria-label': '反映问题' }, [
      field('问题类别', this.form, 'category', { options: PROBLEM_CATEGORIES, required: true }),
      field('问题描述', this.form, 'description', { type: 'textarea', required: true, maxlength: 2000 }),
      button('反映问题', null, { type: 'submit', disabled: this.busy }),
    ]),
    problem(this.error));
  },
};

/** An account shown by the start of its id (accounts have no names; the guide tells its id). */
const account = (id) => h('code', { title: id }, `${id.slice(0, 8)}…${id.slice(-4)}`);

/**
 * Officials: the enterprise's team of guides (一对一: two from different departments),
 * stationing one by its account id and ending an assignment.
 */
export const GuideTeam = {
  props: ['enterpriseId'],
  data: () => ({ team: null, form: reactive({ guideUserId: '', department: '' }), error: null, busy: false,
    message: null }),
  created() { this.load(); },
  methods: {
    async load() {
      try {
        this.team = (await api(`/api/v1/guide-assignments?enterpriseId=${this.enterpriseId}&active=true`)).items;
      } catch (error) { this.error = error; }
    },
    async station(event) {
      event.preventDefault();
      await this.run(() => api('/api/v1/guide-assignments', { method: 'POST', json: {
        enterpriseId: this.enterpriseId, guideUserId: this.form.guideUserId.trim(), department: this.form.department,
      } }), '已派驻，指导员下次登录（或刷新）后即可在“驻企工作”中看到这家企业。');
      if (!this.error) Object.assign(this.form, { guideUserId: '', department: '' });
    },
    async end(assignment) {
      await this.run(() => api(`/api/v1/guide-assignments/${assignment.id}`, { method: 'DELETE' }),
        '已结束派驻，该指导员的权限已即时收回。');
    },
    async run(action, message) {
      this.busy = true;
      this.error = null;
      this.message = null;
      try { await action(); this.message = message; await this.load(); } catch (error) { this.error = error; }
      this.busy = false;
    },
  },
  render() {
    return card('驻企指导员', this.team ? table([
      { label: '部门', value: (a) => DEPARTMENTS[a.department] },
      { label: '账号', value: (a) => account(a.guideUserId) },
      { label: '派驻时间', value: (a) => time(a.assignedAt) },
      { label: '操作', value: (a) => button('结束派驻', () => this.end(a), { kind: 'danger', disabled: this.busy }) },
    ], this.team, { empty: '尚未派驻指导员', caption: '驻企指导员' }) : notice('正在加载…'),
    this.team && this.team.length < 2 ? h('form', { class: 'inline-form', onSubmit: this.station, 'aria-label': '派驻指导员' }, [
      field('指导员账号编号', this.form, 'guideUserId', { required: true, maxlength: 36,
        hint: '指导员扫码登录后页面上显示的账号编号' }),
      field('所属部门', this.form, 'department', { options: DEPARTMENTS, required: true }),
      button('派驻', null, { type: 'submit', disabled: this.busy }),
    ]) : null,
    problem(this.error),
    this.message ? notice(this.message, 'ok') : null);
  },
};

export default {
  data: () => ({ stationed: null, error: null, version: 0, filed: null }),
  created() { this.load(); },
  methods: {
    async load() {
      try {
        const mine = await api('/api/v1/me/enterprises');
        this.stationed = mine.find((item) => item.enterpriseId === who.scope.enterpriseId) || null;
        this.version += 1;
      } catch (error) { this.error = error; }
    },
  },
  render() {
    if (this.error) return page('驻企工作', [], problem(this.error));
    if (!this.stationed) {
      return page('驻企工作', [], this.stationed === null && this.version > 0
        ? notice('您目前没有派驻在这家企业（派驻可能已结束）。', 'error') : notice('正在加载…'));
    }
    const s = this.stationed;
    return page(`驻企工作 · ${s.name}`, [],
      h('div', { class: 'grid' }, [
        card('派驻信息', h('dl', { class: 'facts' }, [
          h('dt', '企业'), h('dd', h('a', { href: `#/enterprises/${s.enterpriseId}` }, s.name)),
          h('dt', '地址'), h('dd', s.address || ''),
          h('dt', '我的部门'), h('dd', DEPARTMENTS[s.department] || '—'),
          h('dt', '派驻时间'), h('dd', time(s.assignedAt)),
        ]), h('h3', '指导员小组（一对一）'), table([
          { label: '部门', value: (m) => DEPARTMENTS[m.department] },
          { label: '派驻时间', value: (m) => time(m.assignedAt) },
          { label: '', value: (m) => (m.guideUserId === who.me.id ? badge('本人', 'blue') : '') },
        ], s.team, { empty: '暂无', caption: '指导员小组' })),
        h(ReportForm, { key: `report-${this.version}`, stationed: s, message: this.filed,
          onFiled: (message) => { this.filed = message; this.load(); } }),
      ]),
      h(Problems, { enterpriseId: s.enterpriseId }));
  },
};
