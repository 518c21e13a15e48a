// 复工备案 on an enterprise's page: the latest filing with its steps and files; its manager
// files (the 报备表's structured materials, the commitment letter's pledges, seed 001's 五个一)
// and uploads the documents. Officials move it on from their queues (pages/oversight.js).
import { h, reactive } from '../lib/vue.js';
import { api, call, download } from '../lib/api.js';
import { badge, button, card, field, notice, problem, time } from '../lib/ui.js';

export const FILING_STATES = {
  SUBMITTED: '待初审', PRELIMINARY_REVIEWED: '待实地踏勘', SITE_INSPECTED: '待批准', APPROVED: '已批准复工',
  RETURNED: '已退回', FILED: '已备案（告知承诺制）',
};
export const FILE_KINDS = {
  FILING_FORM: '报备表', COMMITMENT_LETTER: '承诺书', STAFF_SCREENING: '员工排查表', SUPPLIES_INVENTORY: '物资清单',
  PREVENTION_PLAN: '防控方案', EMERGENCY_PLAN: '应急预案', OTHER: '其他',
};
const STEPS = { REVIEW: '初审通过', INSPECT: '实地踏勘合格', APPROVE: '批准复工', RETURN: '退回', SUBMIT: '提交', FILE: '备案' };
const OPEN = ['SUBMITTED', 'PRELIMINARY_REVIEWED', 'SITE_INSPECTED'];
const FIVE_ONES = {
  responsibilityLetter: '一份责任书', healthInfoForm: '一张健康信息表', emergencyPlan: '一套应急预案',
  emergencyTeam: '一支应急队伍', managementMechanism: '一套管理机制',
};

function checkbox(label, model, key) {
  return h('label', { class: 'check' }, [h('input', {
    type: 'checkbox', checked: model[key], onChange: (event) => { model[key] = event.target.checked; },
  }), ` ${label}`]);
}

export const FilingCard = {
  props: ['enterpriseId', 'canFile'],
  data: () => ({
    filing: undefined, error: null, message: null, busy: false,
    form: reactive({ planned: '', local: '', outOfTown: '', fromKeyRegions: '0', masks: '', disinfectantLitres: '',
      thermometers: '', preventionGroup: false, isolationRoom: false, commitment: false, preventionPlan: '',
      emergencyPlan: '', responsibilityLetter: false, healthInfoForm: false, emergencyPlanOne: false,
      emergencyTeam: false, managementMechanism: false }),
    upload: reactive({ kind: 'COMMITMENT_LETTER' }),
  }),
  created() { this.load(); },
  methods: {
    async load() {
      try {
        const filings = (await api(`/api/v1/enterprises/${this.enterpriseId}/filings`)).items;
        this.filing = filings.length ? filings[0] : null;
      } catch (error) { this.error = error; }
    },
    async submit(event) {
      event.preventDefault();
      const f = this.form;
      const n = (value) => (value === '' ? null : Number(value));
      this.busy = true;
      this.error = null;
      try {
        await api(`/api/v1/enterprises/${this.enterpriseId}/filings`, { method: 'POST', json: {
          commitment: f.commitment, preventionGroup: f.preventionGroup, isolationRoom: f.isolationRoom,
          staff: { planned: n(f.planned), local: n(f.local), outOfTown: n(f.outOfTown), fromKeyRegions: n(f.fromKeyRegions) },
          supplies: { masks: n(f.masks), disinfectantLitres: n(f.disinfectantLitres), thermometers: n(f.thermometers) },
          preventionPlan: f.preventionPlan, emergencyPlan: f.emergencyPlan,
          fiveOnes: { responsibilityLetter: f.responsibilityLetter, healthInfoForm: f.healthInfoForm,
            emergencyPlan: f.emergencyPlanOne, emergencyTeam: f.emergencyTeam, managementMechanism: f.managementMechanism },
        } });
        this.message = '备案已提交，请上传承诺书等材料';
        await this.load();
      } catch (error) { this.error = error; }
      this.busy = false;
    },
    async sendFile(event) {
      event.preventDefault();
      const input = event.target.querySelector('input[type=file]');
      if (!input.files.length) return;
      const form = new FormData();
      form.append('kind', this.upload.kind);
      form.append('file', input.files[0]);
      this.busy = true;
      this.error = null;
      try {
        await call(`/api/v1/filings/${this.filing.id}/files`, { method: 'POST', body: form });
        this.message = `已上传：${input.files[0].name}`;
        input.value = '';
        await this.load();
      } catch (error) { this.error = error; }
      this.busy = false;
    },
  },
  render() {
    const f = this.filing;
    if (f === undefined && !this.error) return card('复工备案', notice('正在加载…'));
    const mayFile = this.canFile && (!f || f.state === 'RETURNED');
    const mayUpload = this.canFile && f && (OPEN.includes(f.state) || f.state === 'FILED');
    return card('复工备案', this.message ? notice(this.message) : null, problem(this.error),
      f ? h('div', [
        h('p', ['当前状态：', badge(FILING_STATES[f.state], f.state === 'APPROVED' || f.state === 'FILED' ? 'blue'
          : f.state === 'RETURNED' ? 'red' : 'yellow'), `　提交于 ${time(f.submittedAt)}`]),
        f.missingFiles?.length
          ? notice(`尚缺材料：${f.missingFiles.map((kind) => FILE_KINDS[kind] || kind).join('、')}`) : null,
        f.guidance?.length ? h('ul', { class: 'muted' }, f.guidance.map((advice) => h('li', advice.text))) : null,
        h('h3', '办理记录'),
        h('ol', { class: 'steps' }, f.steps.map((step) => h('li', [
          `${time(step.at)} ${STEPS[step.action] || step.action}`, step.note ? `：${step.note}` : '',
        ]))),
        h('h3', '材料'),
        f.files.length ? h('ul', f.files.map((file) => h('li', [
          `${FILE_KINDS[file.kind] || file.kind}：`,
          h('a', { href: '#', onClick: (event) => { event.preventDefault();
            download(`/api/v1/filings/${f.id}/files/${file.id}`, file.name).catch((error) => { this.error = error; }); } },
          file.name),
          ` （${Math.ceil(file.size / 1024)} KB）`,
        ]))) : h('p', { class: 'muted' }, '尚未上传材料'),
      ]) : h('p', { class: 'muted' }, '尚未提交复工备案。'),
      mayUpload ? h('form', { class: 'filters', onSubmit: this.sendFile, 'aria-label': '上传备案材料' }, [
        field('材料类别', this.upload, 'kind', { options: FILE_KINDS, required: true }),
        h('div', { class: 'field' }, [h('label', { for: 'filing-file' }, '文件（PDF、图片，不超过 10 MB）'),
          h('input', { id: 'filing-file', type: 'file', accept: '.pdf,image/png,image/jpeg', required: true })]),
        button('上传', null, { type: 'submit', disabled: this.busy }),
      ]) : null,
      mayFile ? h('form', { class: 'filing-form', onSubmit: this.submit, 'aria-label': '提交复工备案' }, [
        h('h3', f ? '重新提交复工备案' : '提交复工备案'),
        h('div', { class: 'filters' }, [
          field('计划复工人数', this.form, 'planned', { type: 'number', min: 0, required: true }),
          field('其中本地', this.form, 'local', { type: 'number', min: 0, required: true }),
          field('其中外地', this.form, 'outOfTown', { type: 'number', min: 0, required: true }),
          field('来自重点地区', this.form, 'fromKeyRegions', { type: 'number', min: 0, required: true }),
          field('口罩（只）', this.form, 'masks', { type: 'number', min: 0, required: true }),
          field('消毒液（升）', this.form, 'disinfectantLitres', { type: 'number', min: 0, required: true }),
          field('体温计（支）', this.form, 'thermometers', { type: 'number', min: 0, required: true }),
        ]),
        h('div', { class: 'checks' }, [
          checkbox('已成立防控工作小组', this.form, 'preventionGroup'),
          checkbox('已设置临时隔离室', this.form, 'isolationRoom'),
        ]),
        field('防控方案', this.form, 'preventionPlan', { type: 'textarea', required: true, maxlength: 5000 }),
        field('应急预案', this.form, 'emergencyPlan', { type: 'textarea', required: true, maxlength: 5000 }),
        h('fieldset', { class: 'checks' }, [h('legend', '五个一（均须具备）'),
          ...Object.entries(FIVE_ONES).map(([key, label]) => checkbox(label, this.form,
            key === 'emergencyPlan' ? 'emergencyPlanOne' : key))]),
        checkbox('我单位承诺落实各项防控措施，如实报告（承诺书）', this.form, 'commitment'),
        button('提交备案', null, { type: 'submit', disabled: this.busy }),
      ]) : null);
  },
};
