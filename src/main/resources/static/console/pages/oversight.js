// 监管待办: an official's queues — enterprise applications, filings under review, RED plates
// waiting for a second official, complaints to triage. Each row has its next steps; a step
// that needs a reason asks for it first. The server checks scope and every transition.
import { h, reactive } from '../lib/vue.js';
import { api, query } from '../lib/api.js';
import { who } from '../lib/scope.js';
import { badge, button, card, notice, page, problem, table, time, INDUSTRIES, PLATES } from '../lib/ui.js';

const FILING_STATES = { SUBMITTED: '待初审', PRELIMINARY_REVIEWED: '待实地踏勘', SITE_INSPECTED: '待批准' };
const FILING_NEXT = {
  SUBMITTED: ['review', '初审通过'], PRELIMINARY_REVIEWED: ['inspect', '踏勘合格'], SITE_INSPECTED: ['approve', '批准复工'],
};
const FILE_KINDS = {
  FILING_FORM: '报备表', COMMITMENT_LETTER: '承诺书', STAFF_SCREENING: '员工排查表', SUPPLIES_INVENTORY: '物资清单',
  PREVENTION_PLAN: '防控方案', EMERGENCY_PLAN: '应急预案', OTHER: '其他',
};
const CATEGORIES = {
  MASKS: '未戴口罩', TEMPERATURE_CHECKS: '未测体温', DISINFECTION: '未消毒通风', QUARANTINE_BREACH: '返岗人员未隔离',
  GATHERING: '人员聚集', UNAUTHORIZED_WORK: '未备案开工', OTHER: '其他',
};
const COMPLAINT_STATES = { RECEIVED: '待处理', VERIFIED: '已核实', INSPECTING: '检查中' };

/** A step that needs words (a refusal, a return, a dismissal): asked for in a small form. */
const ReasonForm = {
  props: ['ask'],
  data: () => ({ text: '', error: null, busy: false }),
  methods: {
    async submit(event) {
      event.preventDefault();
      this.busy = true;
      this.error = null;
      try { await this.ask.run(this.text.trim()); this.ask.done(); } catch (error) { this.error = error; }
      this.busy = false;
    },
  },
  render() {
    return h('form', { class: 'reason', onSubmit: this.submit, 'aria-label': this.ask.title }, [
      h('label', { for: 'reason-text' }, this.ask.title),
      h('textarea', { id: 'reason-text', required: this.ask.required, maxlength: 1000, rows: 3,
        value: this.text, onInput: (event) => { this.text = event.target.value; } }),
      problem(this.error),
      h('div', { class: 'actions' }, [
        button('确定', null, { type: 'submit', disabled: this.busy }),
        button('取消', () => this.ask.done(), { kind: 'plain' }),
      ]),
    ]);
  },
};

export default {
  data: () => ({ applications: null, filings: null, plates: null, complaints: null, names: {}, error: null,
    ask: null, message: null, texts: {} }),
  created() { this.load(); },
  methods: {
    async load() {
      this.error = null;
      const zoneId = who.scope.role === 'DISTRICT_ADMIN' ? undefined : who.scope.zoneId;
      try {
        const [applications, filings, plates, complaints, enterprises] = await Promise.all([
          api(`/api/v1/enterprise-applications${query({ status: 'SUBMITTED', size: 50 })}`),
          api(`/api/v1/filings${query({ size: 100 })}`),
          api('/api/v1/plate-changes'),
          api(`/api/v1/complaints${query({ zoneId, size: 50 })}`),
          api(`/api/v1/enterprises${query({ zoneId, size: 100 })}`),
        ]);
        this.names = Object.fromEntries(enterprises.items.map((e) => [e.id, e.name]));
        this.applications = applications.items;
        this.filings = filings.items.filter((f) => FILING_STATES[f.state]);
        this.plates = plates;
        this.complaints = complaints.items.filter((c) => COMPLAINT_STATES[c.status]);
      } catch (error) { this.error = error; }
    },
    /** Runs a step; with a title, asks for its reason first. */
    step(label, run, { title = null, required = true } = {}) {
      const finish = async (text) => {
        await run(text);
        await this.load();
        this.message = `${label}：已完成`;
      };
      if (!title) {
        this.ask = null;
        finish(null).catch((error) => { this.error = error; });
        return;
      }
      this.ask = { title, required, run: finish, done: () => { this.ask = null; } };
    },
    post(path, body) {
      return api(path, body ? { method: 'POST', json: body } : { method: 'POST' });
    },
    name(id) { return this.names[id] || '（辖区外或已注销）'; },
    async readText(c) {
      try { this.texts[c.id] = (await api(`/api/v1/complaints/${c.id}`)).text; } catch (error) { this.error = error; }
    },
    // A complaint's next steps, as ComplaintStatus allows them.
    complaintSteps(c) {
      const patch = (status, reason) => api(`/api/v1/complaints/${c.id}`, { method: 'PATCH', json: { status, reason } });
      const label = this.name(c.enterpriseId);
      if (c.status === 'RECEIVED') {
        return [
          button('核实属实', () => this.step(`${label}举报：核实属实`, () => patch('VERIFIED'))),
          button('不属实', () => this.step(`${label}举报：不属实`, (reason) => patch('DISMISSED', reason),
            { title: '不予受理的理由' }), { kind: 'plain' }),
        ];
      }
      if (c.status === 'VERIFIED') {
        return [button('已督促整改', () => this.step(`${label}举报：已整改`, (reason) => patch('RESOLVED', reason),
          { title: '整改情况' }))];
      }
      return [h('span', { class: 'muted' }, '待检查结果')];
    },
  },
  render() {
    if (this.error && !this.applications) return page('监管待办', [], problem(this.error));
    if (!this.applications) return page('监管待办', [], notice('正在加载…'));
    const stepButtons = (buttons) => h('div', { class: 'row-actions' }, buttons);
    return page('监管待办', [button('刷新', () => this.load(), { kind: 'plain' })],
      this.message ? notice(this.message) : null,
      problem(this.error),
      this.ask ? h(ReasonForm, { ask: this.ask, key: this.ask.title }) : null,
      card(`企业注册申请（${this.applications.length}）`, table([
        { label: '企业名称', value: (a) => a.name },
        { label: '统一社会信用代码', value: (a) => a.uscc },
        { label: '行业', value: (a) => INDUSTRIES[a.industry] + (a.shopKind ? `（${a.shopKind}）` : '') },
        { label: '人数', value: (a) => String(a.headcount) },
        { label: '申请时间', value: (a) => time(a.createdAt) },
        { label: '操作', value: (a) => stepButtons([
          button('通过', () => this.step(`通过「${a.name}」`,
            () => this.post(`/api/v1/enterprise-applications/${a.id}/accept`))),
          button('驳回', () => this.step(`驳回「${a.name}」`,
            (reason) => this.post(`/api/v1/enterprise-applications/${a.id}/refuse`, { reason }),
            { title: `驳回「${a.name}」的理由` }), { kind: 'plain' }),
        ]) },
      ], this.applications, { empty: '没有待审的注册申请', caption: '企业注册申请' })),
      card(`复工备案（${this.filings.length}）`, table([
        { label: '企业', value: (f) => this.name(f.enterpriseId) },
        { label: '环节', value: (f) => badge(FILING_STATES[f.state], 'yellow') },
        { label: '材料', value: (f) => (f.missingFiles?.length
          ? `缺：${f.missingFiles.map((kind) => FILE_KINDS[kind] || kind).join('、')}`
          : `齐全（${f.files.length} 份）`) },
        { label: '提交时间', value: (f) => time(f.submittedAt) },
        { label: '操作', value: (f) => stepButtons([
          button(FILING_NEXT[f.state][1], () => this.step(`${this.name(f.enterpriseId)}：${FILING_NEXT[f.state][1]}`,
            () => this.post(`/api/v1/filings/${f.id}/${FILING_NEXT[f.state][0]}`))),
          button('退回', () => this.step(`退回${this.name(f.enterpriseId)}的备案`,
            (note) => this.post(`/api/v1/filings/${f.id}/return`, { note }),
            { title: `退回${this.name(f.enterpriseId)}备案的原因` }), { kind: 'plain' }),
        ]) },
      ], this.filings, { empty: '没有待审的复工备案', caption: '复工备案' })),
      card(`红牌待第二人确认（${this.plates.length}）`, table([
        { label: '企业', value: (c) => this.name(c.enterpriseId) },
        { label: '挂牌', value: (c) => badge(PLATES[c.color], c.color.toLowerCase()) },
        { label: '理由', value: (c) => c.reason },
        { label: '提出时间', value: (c) => time(c.proposedAt) },
        { label: '操作', value: (c) => stepButtons([
          button('确认', () => this.step(`确认${this.name(c.enterpriseId)}红牌`,
            (note) => this.post(`/api/v1/plate-changes/${c.changeId}/confirm`, note ? { note } : null),
            { title: '确认意见（可不填）', required: false })),
          button('不同意', () => this.step(`不同意${this.name(c.enterpriseId)}红牌`,
            (note) => this.post(`/api/v1/plate-changes/${c.changeId}/reject`, { note }),
            { title: '不同意的理由' }), { kind: 'plain' }),
        ]) },
      ], this.plates, { empty: '没有等待确认的红牌', caption: '红牌待确认' })),
      card(`群众举报（${this.complaints.length}）`, h('p', { class: 'muted' }, '举报内容可能涉及个人信息，查看记录在审计日志中。'), table([
        { label: '企业', value: (c) => this.name(c.enterpriseId) },
        { label: '类别', value: (c) => CATEGORIES[c.category] },
        // The text may name people: read one at a time, and each read is audited.
        { label: '内容', value: (c) => (this.texts[c.id] !== undefined ? this.texts[c.id]
          : button('查看内容', () => this.readText(c), { kind: 'plain' })) },
        { label: '状态', value: (c) => COMPLAINT_STATES[c.status] },
        { label: '收到时间', value: (c) => time(c.createdAt) },
        { label: '操作', value: (c) => stepButtons(this.complaintSteps(c)) },
      ], this.complaints, { empty: '没有待处理的举报', caption: '群众举报' })));
  },
};
