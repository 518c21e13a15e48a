// 轨迹查询 and 密接排查: a person's last days of movements by phone number (seed 001), and the
// people who scanned at the same places around the same times (seed 000). The most sensitive
// page of the console: every lookup states its purpose, is written to the audit trail with the
// looker's organisation, counts against an hourly limit, and is shown to the person looked up.
// What comes back is masked; the phone is sent in the body, never in an address.
import { h, reactive } from '../lib/vue.js';
import { api, call, download, events } from '../lib/api.js';
import { who, overseer } from '../lib/scope.js';
import { badge, button, card, field, notice, page, problem, table, time } from '../lib/ui.js';
import { reasonText } from '../lib/alerts.js';

export const PURPOSES = {
  CASE_INVESTIGATION: '流行病学调查', FEVER_FOLLOW_UP: '发热随访', RETURNEE_CHECK: '返岗核查', CONTACT_SCREENING: '密接排查',
  OTHER: '其他（须说明）',
};
const TRANSPORTS = { TRAIN: '火车', PLANE: '飞机', BUS: '客车', CAR: '自驾', SHIP: '轮船', OTHER: '其他' };
const DAYS = Object.fromEntries([14, 7, 3, 1].map((d) => [d, `近 ${d} 天`]));

function timeline(visits) {
  if (!visits.length) return h('p', { class: 'empty' }, '所选时间内没有可查看的扫码记录');
  return h('ol', { class: 'timeline', 'aria-label': '扫码轨迹' }, visits.map((visit) => h('li', {
    class: visit.decision === 'ADMIT' ? 'admit' : 'deny',
  }, [
    h('time', time(visit.at)),
    h('strong', `${visit.enterpriseName} · ${visit.placeName}`),
    h('span', { class: 'muted' }, visit.zoneName || ''),
    visit.temperature != null ? badge(`${visit.temperature} ℃`, visit.fever ? 'red' : 'plain') : null,
    visit.decision === 'ADMIT' ? badge('准入', 'ok') : badge(`拒绝：${(visit.reasons || []).map(reasonText).join('、')}`, 'red'),
  ])));
}

function travel(records) {
  if (!records.length) return null;
  return card('申报的返岗行程', table([
    { label: '出发地', value: (t) => t.originName || t.origin },
    { label: '出发', value: (t) => time(t.departedAt) },
    { label: '到达', value: (t) => time(t.arrivalAt) },
    { label: '交通', value: (t) => TRANSPORTS[t.transport] || t.transport },
    { label: '途经', value: (t) => (t.legs || []).map((leg) => leg.regionName || leg.region).join('、') },
  ], records, { caption: '申报的返岗行程' }));
}

/** The contacts of a screening: one row per contact, its shared visits. */
function contacts(screening) {
  return table([
    { label: '姓名', value: (c) => c.maskedName || '—' },
    { label: '手机号', value: (c) => c.maskedPhone },
    { label: '共同出现', value: (c) => h('ul', { class: 'plain-list' }, c.sharedVisits.map((v) => h('li',
      `${v.enterpriseName} · ${v.placeName}：${time(v.at)}（被筛查人 ${time(v.subjectAt)}）`))) },
  ], screening.contacts || [], { empty: '没有找到在同一地点、相近时间扫码的人员', caption: '可能的密切接触者' });
}

export default {
  data: () => ({
    form: reactive({ phone: '', days: '14', purpose: '', note: '' }),
    screen: reactive({ enterpriseId: '', windowMinutes: '30' }),
    result: null, screening: null, job: null, enterprises: [], error: null, busy: false, warned: null,
  }),
  async created() {
    if (overseer()) {
      try {
        const zoneId = who.scope.role === 'DISTRICT_ADMIN' ? undefined : who.scope.zoneId;
        this.enterprises = (await api(`/api/v1/enterprises?size=100${zoneId ? `&zoneId=${zoneId}` : ''}`)).items;
      } catch (error) { this.error = error; }
    }
  },
  beforeUnmount() { this.stop?.(); },
  methods: {
    purposeBody() {
      return { purpose: this.form.purpose, note: this.form.note.trim() || undefined, days: Number(this.form.days) };
    },
    async run(work) {
      this.busy = true;
      this.error = null;
      try { await work(); } catch (error) { this.error = error; }
      this.busy = false;
    },
    lookUp(event) {
      event.preventDefault();
      return this.run(async () => {
        this.screening = null;
        this.result = await api('/api/v1/trajectory-queries', { method: 'POST',
          json: { phone: this.form.phone.trim(), ...this.purposeBody() } });
      });
    },
    screenPerson() {
      return this.run(async () => {
        this.warned = null;
        this.screening = await api('/api/v1/contact-screenings', { method: 'POST', json: {
          phone: this.form.phone.trim(), windowMinutes: Number(this.screen.windowMinutes), ...this.purposeBody() } });
      });
    },
    screenEnterprise(event) {
      event.preventDefault();
      return this.run(async () => {
        const answer = await (await call('/api/v1/contact-screenings', { method: 'POST', json: {
          enterpriseId: this.screen.enterpriseId, windowMinutes: Number(this.screen.windowMinutes),
          ...this.purposeBody() } })).json();
        this.follow(answer.screeningId);
      });
    },
    /** The job's progress over SSE; its result read once it is done. */
    follow(id) {
      this.stop?.();
      this.job = { id, state: 'RUNNING', progress: { done: 0, total: 0 }, result: null };
      this.stop = events(`/api/v1/contact-screenings/${id}/events`, async (name, data) => {
        this.job = { ...this.job, state: data.state, progress: data.progress };
        if (data.state === 'DONE' || data.state === 'FAILED') {
          this.stop();
          try { this.job = { ...this.job, result: await api(`/api/v1/contact-screenings/${id}`) }; } catch (error) {
            this.error = error;
          }
        }
      });
    },
    /** Warns the contacts of the person screened, once it is a confirmed case. */
    warnContacts() {
      if (!window.confirm('确认向上述密切接触者发送健康提醒（居家观察、每日健康打卡）？提醒不会透露病例信息，每人只会收到一次。')) return null;
      return this.run(async () => {
        this.warned = await api(`/api/v1/contact-screenings/${this.screening.id}/warnings`, { method: 'POST' });
      });
    },
    exportJob(format) {
      download(`/api/v1/contact-screenings/${this.job.id}/export?format=${format}`, `密接排查.${format}`)
        .catch((error) => { this.error = error; });
    },
  },
  render() {
    const r = this.result;
    const official = overseer();
    return page('轨迹查询', [],
      notice('每次查询都会记录查询人、所在单位、时间和用途，被查询人可以在小程序中看到；每个账号每小时查询次数有限。请仅在防控工作需要时查询。', 'info'),
      card('按手机号查询近 14 天轨迹', h('form', { class: 'inline-form', onSubmit: this.lookUp, 'aria-label': '轨迹查询' }, [
        field('手机号', this.form, 'phone', { type: 'tel', required: true, maxlength: 11 }),
        field('时间范围', this.form, 'days', { options: DAYS, required: true }),
        field('查询用途', this.form, 'purpose', { options: PURPOSES, required: true }),
        field('说明', this.form, 'note', { maxlength: 200, required: this.form.purpose === 'OTHER' }),
        button('查询', null, { type: 'submit', disabled: this.busy }),
      ]), problem(this.error)),
      r ? card(`查询结果（${time(r.from)} 至 ${time(r.to)}）`, [
        h('p', r.person ? [h('strong', r.person.maskedName || ''), ' ', r.person.maskedPhone] : '所选时间内没有可查看的记录'),
        timeline(r.visits),
        official ? h('div', { class: 'actions' }, [
          field('接触时间窗（分钟）', this.screen, 'windowMinutes', { type: 'number', min: 1, max: 240, required: true }),
          button('筛查此人的密切接触者', () => this.screenPerson(), { disabled: this.busy }),
        ]) : null,
      ]) : null,
      r ? travel(r.travel || []) : null,
      this.screening ? card('密接排查结果', contacts(this.screening),
        official && this.screening.contacts?.length ? h('div', { class: 'actions' }, [
          button('通知密接人员', () => this.warnContacts(), { disabled: this.busy }),
          h('small', { class: 'muted' }, '仅在被筛查人经核酸检测确诊阳性后可用；通过微信订阅消息提醒居家观察、每日健康打卡，不透露病例信息。'),
        ]) : null,
        this.warned ? notice(`已通知 ${this.warned.warned} 人${this.warned.alreadyWarned
          ? `，另有 ${this.warned.alreadyWarned} 人此前已通知，不再重复发送` : ''}。`, 'success') : null) : null,
      official ? card('一键筛查企业全部返岗人员', h('form', { class: 'inline-form', onSubmit: this.screenEnterprise,
        'aria-label': '企业密接排查' }, [
        field('企业', this.screen, 'enterpriseId', { required: true,
          options: Object.fromEntries(this.enterprises.map((e) => [e.id, e.name])) }),
        field('查询用途', this.form, 'purpose', { options: PURPOSES, required: true }),
        button('开始筛查', null, { type: 'submit', disabled: this.busy || this.job?.state === 'RUNNING' }),
      ]), this.job ? h('div', { role: 'status' }, [
        h('progress', { max: this.job.progress.total || 1, value: this.job.progress.done }),
        h('p', this.job.state === 'RUNNING' ? `正在筛查：${this.job.progress.done} / ${this.job.progress.total} 人`
          : this.job.state === 'DONE' ? `筛查完成：${this.job.progress.total} 名返岗人员` : '筛查失败，请稍后重试'),
        this.job.result ? contacts(this.job.result) : null,
        this.job.result ? h('div', { class: 'actions' }, [
          button('导出 Excel', () => this.exportJob('xlsx'), { kind: 'plain' }),
          button('导出 CSV', () => this.exportJob('csv'), { kind: 'plain' }),
        ]) : null,
      ]) : null) : null);
  },
};
