// 挂牌: an enterprise's plate, since when and until when it must be rectified, the change
// waiting for a second official, and every change before it; an official sets a new plate
// with its reason (a RED waits for another official's confirmation; the server decides).
import { h, reactive } from '../lib/vue.js';
import { api } from '../lib/api.js';
import { overseer } from '../lib/scope.js';
import { badge, button, card, field, notice, plate, problem, table, time, PLATES } from '../lib/ui.js';

const SOURCES = { OFFICIAL: '主管部门挂牌', FILING: '备案审核通过', INSPECTION: '检查发现问题', FOLLOW_UP: '回头看复查' };
const STATES = { EFFECTIVE: '已生效', AWAITING_CONFIRMATION: '待第二人确认', REJECTED: '未获确认', EXPIRED: '超时未确认' };

export const PlateCard = {
  props: ['enterpriseId', 'onChanged'],
  data: () => ({ view: null, error: null, message: null, form: reactive({ color: '', reason: '', rectifyBy: '' }) }),
  created() { this.load(); },
  methods: {
    async load() {
      try { this.view = await api(`/api/v1/enterprises/${this.enterpriseId}/plate`); } catch (error) { this.error = error; }
    },
    async change(event) {
      event.preventDefault();
      this.error = null;
      this.message = null;
      try {
        const change = await api(`/api/v1/enterprises/${this.enterpriseId}/plate`, { method: 'POST', json: {
          color: this.form.color, reason: this.form.reason.trim(), rectifyBy: this.form.rectifyBy || undefined,
        } });
        this.message = change.state === 'AWAITING_CONFIRMATION'
          ? `${PLATES[change.color]}已提请，待另一名工作人员在「监管待办」确认` : `已挂${PLATES[change.color]}`;
        Object.assign(this.form, { color: '', reason: '', rectifyBy: '' });
        await this.load();
        this.onChanged?.();
      } catch (error) { this.error = error; }
    },
  },
  render() {
    const v = this.view;
    return card('挂牌', problem(this.error), this.message ? notice(this.message, 'ok') : null, v ? [
      h('dl', { class: 'facts' }, [
        h('dt', '当前挂牌'), h('dd', [plate(v.color), v.overdue ? badge('整改逾期', 'red') : null]),
        v.since ? [h('dt', '挂牌时间'), h('dd', time(v.since))] : null,
        v.rectifyBy ? [h('dt', '整改期限'), h('dd', v.rectifyBy)] : null,
        v.pending ? [h('dt', '待确认'), h('dd', `${PLATES[v.pending.color]}：${v.pending.reason}`)] : null,
      ]),
      table([
        { label: '时间', value: (c) => time(c.effectiveAt || c.proposedAt) },
        { label: '变更', value: (c) => [c.fromColor ? plate(c.fromColor) : plate(null), ' → ', plate(c.color)] },
        { label: '来源', value: (c) => SOURCES[c.source] || c.source },
        { label: '理由', value: (c) => c.reason },
        { label: '状态', value: (c) => STATES[c.state] || c.state },
      ], v.history, { empty: '还没有挂牌记录', caption: '挂牌记录' }),
      overseer() ? h('form', { class: 'inline-form', onSubmit: this.change, 'aria-label': '变更挂牌' }, [
        field('新挂牌', this.form, 'color', { options: PLATES, required: true }),
        field('理由', this.form, 'reason', { required: true, maxlength: 1000 }),
        this.form.color === 'YELLOW' || this.form.color === 'RED'
          ? field('整改期限', this.form, 'rectifyBy', { type: 'date' }) : null,
        button('变更挂牌', null, { type: 'submit' }),
      ]) : null,
    ] : notice('正在加载…'));
  },
};
