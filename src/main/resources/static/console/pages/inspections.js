// 检查抽查: an official draws an inspection plan (抽查, at least a third of the zone's
// enterprises, reproducible from its seed), inspects an enterprise against the checklist
// (检查内容 of seed 000), and sees the recent inspections with the plate each one led to
// (problems found: YELLOW; again while YELLOW: a RED proposed for a second official; a
// passed follow-up: BLUE again). The server checks scope, the fraction and every rule.
import { h, reactive } from '../lib/vue.js';
import { api, query } from '../lib/api.js';
import { who } from '../lib/scope.js';
import { badge, button, card, field, notice, page, plate, problem, table, time, INDUSTRIES } from '../lib/ui.js';

const CHECKLIST = {
  MOBILE_STAFF_CONTROL: '流动员工管控', FEVER_REFERRAL: '发热送医流程', VENTILATION_DISINFECTION: '场所通风消杀',
  PERSONAL_PROTECTION: '员工个人防护', TEMPERATURE_CHECKS: '体温监测', MASKS_ON_LINE: '生产线戴口罩',
  ENTRY_REGISTRATION: '出入登记', PUBLICITY: '科普宣传', SUPPLIES: '防疫物资',
};
const KINDS = { ROUTINE: '常态检查 / 抽查', FOLLOW_UP: '回头看（整改复查）' };
const FRACTIONS = { 0.3333: '三分之一', 0.5: '二分之一', 1: '全部' };
const REASONS = { ALWAYS: '重点企业（人数达线，必查）', DRAWN: '随机抽中' };

/** The checklist of one inspection: every item 合格 or 不合格, a failure says what was found. */
const InspectionForm = {
  props: ['enterprise', 'planId', 'onDone', 'onCancel'],
  data() {
    return {
      form: reactive({ kind: 'ROUTINE', summary: '', rectifyBy: '' }),
      items: reactive(Object.fromEntries(Object.keys(CHECKLIST).map((item) => [item, { result: 'PASS', note: '' }]))),
      error: null, busy: false,
    };
  },
  methods: {
    async submit(event) {
      event.preventDefault();
      this.busy = true;
      this.error = null;
      try {
        const recorded = await api('/api/v1/inspections', { method: 'POST', json: {
          enterpriseId: this.enterprise.id, kind: this.form.kind, planId: this.planId || undefined,
          items: Object.entries(this.items).map(([item, value]) => ({ item, result: value.result,
            note: value.note.trim() || undefined })),
          summary: this.form.summary.trim() || undefined, rectifyBy: this.form.rectifyBy || undefined,
        } });
        this.onDone(recorded);
      } catch (error) { this.error = error; }
      this.busy = false;
    },
  },
  render() {
    const failed = Object.values(this.items).some((value) => value.result === 'FAIL');
    return h('form', { class: 'form', onSubmit: this.submit, 'aria-label': `检查「${this.enterprise.name}」` }, [
      h('h3', `检查「${this.enterprise.name}」`),
      field('检查类型', this.form, 'kind', { options: KINDS, required: true }),
      h('table', { class: 'table checklist' }, [
        h('caption', { class: 'visually-hidden' }, '检查内容'),
        h('thead', h('tr', ['检查内容', '结果', '发现的问题'].map((label) => h('th', { scope: 'col' }, label)))),
        h('tbody', Object.entries(CHECKLIST).map(([item, label]) => {
          const value = this.items[item];
          return h('tr', [
            h('th', { scope: 'row' }, label),
            h('td', h('div', { class: 'choice', role: 'radiogroup', 'aria-label': `${label}结果` },
              [['PASS', '合格'], ['FAIL', '不合格']].map(([result, text]) => h('label', [
                h('input', { type: 'radio', name: `result-${item}`, value: result, checked: value.result === result,
                  onChange: () => { value.result = result; } }), ` ${text}`])))),
            h('td', h('input', { type: 'text', maxlength: 1000, value: value.note, required: value.result === 'FAIL',
              'aria-label': `${label}发现的问题`, placeholder: value.result === 'FAIL' ? '必填：发现了什么' : '',
              onInput: (event) => { value.note = event.target.value; } })),
          ]);
        })),
      ]),
      field('检查小结', this.form, 'summary', { type: 'textarea', maxlength: 2000 }),
      failed ? field('整改期限', this.form, 'rectifyBy', { type: 'date',
        hint: '不填则为一周。有不合格项将挂黄牌；黄牌期间再次不合格将提请红牌，由另一名工作人员确认。' }) : null,
      problem(this.error),
      h('div', { class: 'actions' }, [
        button(this.busy ? '提交中…' : '提交检查结果', null, { type: 'submit', disabled: this.busy }),
        button('取消', this.onCancel, { kind: 'plain' }),
      ]),
    ]);
  },
};

export default {
  data: () => ({
    planForm: reactive({ zoneId: '', industry: '', fraction: '0.3333', seed: '' }),
    plan: null, enterprises: [], names: {}, recent: null, inspecting: null, message: null, error: null,
  }),
  created() {
    this.planForm.zoneId = who.scope.role === 'DISTRICT_ADMIN' ? '' : who.scope.zoneId || '';
    this.load();
  },
  methods: {
    zoneId() { return who.scope.role === 'DISTRICT_ADMIN' ? undefined : who.scope.zoneId; },
    async load() {
      this.error = null;
      try {
        const [enterprises, recent] = await Promise.all([
          api(`/api/v1/enterprises${query({ zoneId: this.zoneId(), size: 100 })}`),
          api(`/api/v1/inspections${query({ zoneId: this.zoneId(), size: 20 })}`),
        ]);
        this.enterprises = enterprises.items;
        this.names = Object.fromEntries(enterprises.items.map((e) => [e.id, e.name]));
        this.recent = recent.items;
      } catch (error) { this.error = error; }
    },
    async draw(event) {
      event.preventDefault();
      this.error = null;
      try {
        const { zoneId, industry, fraction, seed } = this.planForm;
        this.plan = await api('/api/v1/inspection-plans', { method: 'POST', json: {
          zoneId: zoneId || undefined, industry: industry || undefined, fraction: Number(fraction),
          seed: seed.trim() || undefined,
        } });
      } catch (error) { this.error = error; }
    },
    inspect(enterprise, planId) {
      this.message = null;
      this.inspecting = { enterprise, planId };
    },
    async done(recorded) {
      const name = this.names[recorded.enterpriseId] || this.inspecting.enterprise.name;
      const change = recorded.plateChange;
      this.message = `已记录对「${name}」的检查：${recorded.passed ? '全部合格' : '有不合格项'}`
        + (change ? (change.state === 'AWAITING_CONFIRMATION' ? `，${PLATE_WORDS[change.color]}待另一名工作人员确认`
          : `，已挂${PLATE_WORDS[change.color]}`) : '');
      this.inspecting = null;
      if (this.plan) {
        try { this.plan = await api(`/api/v1/inspection-plans/${this.plan.id}`); } catch (error) { this.error = error; }
      }
      await this.load();
    },
  },
  render() {
    const zones = Object.fromEntries(who.zones.map((zone) => [zone.id, zone.name]));
    const entry = (e) => this.enterprises.find((found) => found.id === e.id) || e;
    return page('检查抽查', [button('刷新', () => this.load(), { kind: 'plain' })],
      this.message ? notice(this.message) : null,
      problem(this.error),
      this.inspecting ? card(null, h(InspectionForm, {
        key: this.inspecting.enterprise.id, enterprise: this.inspecting.enterprise, planId: this.inspecting.planId,
        onDone: (recorded) => this.done(recorded), onCancel: () => { this.inspecting = null; },
      })) : null,
      card('抽查计划', h('p', { class: 'muted' },
        '按比例随机抽取辖区企业（不少于三分之一，重点企业必查）；同一随机种子对同一批企业抽出的名单相同，可复核。'),
      h('form', { class: 'filters', onSubmit: this.draw, 'aria-label': '生成抽查计划' }, [
        field('区域', this.planForm, 'zoneId', { options: zones }),
        field('行业', this.planForm, 'industry', { options: INDUSTRIES }),
        field('抽查比例', this.planForm, 'fraction', { options: FRACTIONS, required: true }),
        field('随机种子（可不填）', this.planForm, 'seed', { maxlength: 64, placeholder: '如 2026-12-02' }),
        button('生成抽查名单', null, { type: 'submit' }),
      ]),
      this.plan ? [
        h('p', `随机种子 ${this.plan.seed}：从 ${this.plan.population} 家企业中抽取 ${this.plan.enterprises.length} 家`
          + `（生成于 ${time(this.plan.createdAt)}）`),
        table([
          { label: '企业', value: (e) => e.name },
          { label: '人数', value: (e) => String(e.headcount) },
          { label: '入选原因', value: (e) => REASONS[e.reason] || e.reason },
          { label: '检查', value: (e) => (e.inspected ? badge('已检查', 'blue')
            : button('检查', () => this.inspect(entry(e), this.plan.id))) },
        ], this.plan.enterprises, { empty: '没有符合条件的企业', caption: '抽查名单' }),
      ] : null),
      card('检查一家企业', h('form', { class: 'filters', 'aria-label': '选择要检查的企业',
        onSubmit: (event) => {
          event.preventDefault();
          const chosen = this.enterprises.find((e) => e.id === event.target.elements.enterprise.value);
          if (chosen) this.inspect(chosen, null);
        } }, [
        h('div', { class: 'field' }, [h('label', { for: 'inspect-enterprise' }, '企业'),
          h('select', { id: 'inspect-enterprise', name: 'enterprise', required: true }, [
            h('option', { value: '' }, '请选择'),
            ...this.enterprises.map((e) => h('option', { value: e.id }, e.name))])]),
        button('开始检查', null, { type: 'submit' }),
      ])),
      card('近期检查', this.recent ? table([
        { label: '企业', value: (i) => this.names[i.enterpriseId] || '（辖区外或已注销）' },
        { label: '类型', value: (i) => ({ ...KINDS, COMPLAINT: '举报核查' })[i.kind] },
        { label: '结果', value: (i) => (i.passed ? badge('合格', 'blue') : badge('有不合格项', 'yellow')) },
        { label: '不合格项', value: (i) => i.items.filter((item) => !item.passed)
          .map((item) => CHECKLIST[item.item]).join('、') || '—' },
        { label: '挂牌', value: (i) => (i.plateChange ? [plate(i.plateChange.color),
          i.plateChange.state === 'AWAITING_CONFIRMATION' ? h('span', { class: 'muted' }, ' 待确认') : null] : '不变') },
        { label: '检查时间', value: (i) => time(i.inspectedAt) },
      ], this.recent, { empty: '还没有检查记录', caption: '近期检查' }) : notice('正在加载…')));
  },
};

const PLATE_WORDS = { BLUE: '蓝牌', YELLOW: '黄牌', RED: '红牌' };
