// 网格小区卡点 (seed 001): the residential compounds of a grid, their checkpoints with printable
// posters, and who entered today through them, newcomers (增量: first seen within 14 days)
// first. For the grid's officials and those of the zones above it. Names and phones are
// masked, and reading who entered is audited.
import { h, reactive } from '../lib/vue.js';
import { api, download } from '../lib/api.js';
import { who } from '../lib/scope.js';
import { badge, button, card, field, notice, page, problem, stat, table, time } from '../lib/ui.js';
import { reasonText } from '../lib/alerts.js';

/** The grid zones the official oversees: communities belong to a grid. */
const grids = () => who.zones.filter((zone) => zone.kind === 'GRID');

export default {
  data: () => ({
    zoneId: '', communities: [], selected: null, checkpoints: [], entries: null, counts: null,
    form: reactive({ zoneId: '', name: '', address: '' }), checkpoint: reactive({ name: '' }),
    error: null, busy: false,
  }),
  created() {
    this.zoneId = grids().some((zone) => zone.id === who.scope.zoneId) ? who.scope.zoneId : (grids()[0]?.id || '');
    this.form.zoneId = this.zoneId;
    this.load();
  },
  methods: {
    async run(work) {
      this.busy = true;
      this.error = null;
      try { await work(); } catch (error) { this.error = error; }
      this.busy = false;
    },
    /** The communities of the official's own zone and the zones under it. */
    load() {
      return this.run(async () => {
        const zone = who.scope.zoneId || this.zoneId;
        this.communities = zone ? (await api(`/api/v1/zones/${zone}/communities`)).items : [];
        if (!this.selected && this.communities.length) await this.open(this.communities[0]);
      });
    },
    async open(community) {
      this.selected = community;
      this.entries = null;
      const [checkpoints, entries, counts] = await Promise.all([
        api(`/api/v1/communities/${community.id}/places`),
        api(`/api/v1/communities/${community.id}/entries/today`),
        api(`/api/v1/communities/${community.id}/scan-counts/today`),
      ]);
      this.checkpoints = checkpoints.items;
      this.entries = entries;
      this.counts = counts;
    },
    create(event) {
      event.preventDefault();
      return this.run(async () => {
        const created = await api(`/api/v1/zones/${this.form.zoneId}/communities`, { method: 'POST',
          json: { name: this.form.name.trim(), address: this.form.address.trim() } });
        this.form.name = '';
        this.form.address = '';
        this.selected = null;
        await this.load();
        await this.open(this.communities.find((c) => c.id === created.id) || created);
      });
    },
    addCheckpoint(event) {
      event.preventDefault();
      return this.run(async () => {
        await api(`/api/v1/communities/${this.selected.id}/places`, { method: 'POST',
          json: { name: this.checkpoint.name.trim(), kind: 'CHECKPOINT' } });
        this.checkpoint.name = '';
        await this.open(this.selected);
      });
    },
  },
  render() {
    const zoneNames = Object.fromEntries(grids().map((zone) => [zone.id, zone.name]));
    const c = this.selected;
    return page('网格小区', [],
      notice('小区卡点实行 24 小时值守，进出均须扫码测温；体温 ≥37.3℃ 或健康状态异常者劝返并引导至发热门诊，网格员将收到预警。', 'info'),
      problem(this.error),
      card('小区', table([
        { label: '小区名称', value: (x) => x.name },
        { label: '地址', value: (x) => x.address },
        { label: '所属网格', value: (x) => zoneNames[x.zoneId] || '' },
        { label: '', value: (x) => (c && c.id === x.id ? badge('当前', 'ok') : '') },
      ], this.communities, { empty: '本区域还没有登记小区', onRow: (x) => this.run(() => this.open(x)), caption: '小区列表' }),
      grids().length ? h('form', { class: 'inline-form', onSubmit: this.create, 'aria-label': '登记小区' }, [
        field('所属网格', this.form, 'zoneId', { options: zoneNames, required: true }),
        field('小区名称', this.form, 'name', { required: true, maxlength: 100 }),
        field('地址', this.form, 'address', { required: true, maxlength: 300 }),
        button('登记小区', null, { type: 'submit', disabled: this.busy }),
      ]) : null),
      c ? card(`${c.name} · 卡点`, table([
        { label: '卡点', value: (p) => p.name },
        { label: '', value: (p) => button('下载海报', () => this.run(() => download(`/api/v1/places/${p.id}/poster.pdf`,
          `${c.name}-${p.name}.pdf`)), { kind: 'plain' }) },
      ], this.checkpoints, { empty: '还没有卡点', caption: '卡点列表' }),
      h('form', { class: 'inline-form', onSubmit: this.addCheckpoint, 'aria-label': '新增卡点' }, [
        field('卡点名称', this.checkpoint, 'name', { required: true, maxlength: 100, placeholder: '如：北门卡点' }),
        button('新增卡点', null, { type: 'submit', disabled: this.busy }),
      ])) : null,
      c && this.entries ? card(`${c.name} · 今日进入人员（${this.entries.date}）`, [
        h('div', { class: 'stats' }, [
          stat('今日进入', this.entries.items.length),
          stat('其中增量', this.entries.newcomers, this.entries.newcomers ? 'warn' : null),
          stat('劝返', this.counts?.denied ?? 0, this.counts?.denied ? 'red' : null),
          stat('体温异常', this.counts?.fevers ?? 0, this.counts?.fevers ? 'red' : null),
        ]),
        table([
          { label: '类别', value: (e) => (e.newcomer ? badge('增量', 'yellow') : badge('存量', 'plain')) },
          { label: '姓名', value: (e) => e.name || '—' },
          { label: '手机号', value: (e) => e.phone || '—' },
          { label: '今日首次进入', value: (e) => time(e.firstInAt) },
          { label: '最近一次', value: (e) => `${e.lastDirection === 'OUT' ? '出' : '进'} · ${time(e.lastAt)}` },
          { label: '结果', value: (e) => (e.lastDecision === 'ADMIT' ? badge('放行', 'ok') : badge('劝返', 'red')) },
          { label: '体温', value: (e) => (e.fever ? badge(reasonText('FEVER'), 'red') : '') },
          { label: '首次出现', value: (e) => time(e.firstSeenAt) },
        ], this.entries.items, { empty: '今天还没有人员经卡点进入', caption: '今日进入人员（增量在前）' }),
      ]) : null);
  },
};
