// 每日台账 (seed 004) on an enterprise's page: the day's ledger to download (XLSX or a printable
// PDF) and the disinfection, ventilation and vehicle rounds, which its manager records.
import { h, reactive } from '../lib/vue.js';
import { api, download } from '../lib/api.js';
import { button, card, field, notice, problem, table } from '../lib/ui.js';

export const ROUND_KINDS = { DISINFECTION: '消毒', VENTILATION: '通风', VEHICLE: '车辆消毒' };

const today = () => new Date().toLocaleDateString('sv');

export const DailyLedger = {
  props: { enterpriseId: { type: String, required: true }, canRecord: Boolean },
  data: () => ({ day: reactive({ date: today() }), rounds: [], error: null, message: null,
    draft: reactive({ kind: 'DISINFECTION', area: '', by: '' }) }),
  created() { this.load(); },
  methods: {
    async load() {
      try {
        this.rounds = (await api(`/api/v1/enterprises/${this.enterpriseId}/disinfections?date=${this.day.date}`)).items;
      } catch (error) { this.error = error; }
    },
    async act(work, done) {
      this.error = null;
      this.message = null;
      try {
        await work();
        this.message = done;
      } catch (error) { this.error = error; }
    },
    ledger(format) {
      return this.act(() => download(`/api/v1/enterprises/${this.enterpriseId}/ledger?date=${this.day.date}&format=${format}`,
        `每日台账-${this.day.date}.${format}`), `${this.day.date} 的台账已下载`);
    },
    record() {
      return this.act(async () => {
        await api(`/api/v1/enterprises/${this.enterpriseId}/disinfections`, { method: 'POST', json: { ...this.draft } });
        Object.assign(this.draft, { area: '', by: '' });
        this.day.date = today();
        await this.load();
      }, '已记录');
    },
  },
  render() {
    return card('每日台账', h('p', { class: 'muted' },
      '台账汇总当日到岗人员、扫码与拒绝、发热处置、健康打卡与未打卡人员、观察中的返岗人员、消杀通风记录；姓名与电话已脱敏，下载会留痕。'),
    problem(this.error), this.message ? notice(this.message, 'ok') : null,
    h('form', { class: 'inline-form', onSubmit: (event) => { event.preventDefault(); this.load(); } }, [
      field('日期', this.day, 'date', { type: 'date', required: true, max: today() }),
      button('查看消杀记录', null, { type: 'submit', kind: 'plain' }),
      button('下载台账（XLSX）', () => this.ledger('xlsx')),
      button('下载台账（PDF）', () => this.ledger('pdf'), { kind: 'plain' }),
    ]),
    table([
      { label: '时间', value: (r) => new Date(r.at).toLocaleTimeString('zh-CN', { hour12: false }) },
      { label: '类型', value: (r) => r.kindLabel },
      { label: '区域', value: (r) => r.area },
      { label: '执行人', value: (r) => r.by },
    ], this.rounds, { empty: '当日还没有消杀通风记录', caption: '消杀通风记录' }),
    this.canRecord ? h('form', { class: 'inline-form', onSubmit: (event) => { event.preventDefault(); this.record(); } }, [
      field('记录类型', this.draft, 'kind', { options: ROUND_KINDS, required: true }),
      field('消杀区域', this.draft, 'area', { required: true, maxlength: 100, placeholder: '如：一号车间' }),
      field('执行人', this.draft, 'by', { required: true, maxlength: 50 }),
      button('记录消杀通风', null, { type: 'submit' }),
    ]) : null);
  },
};
