// One enterprise's file: its facts, today's gate counts, its places with their QR codes and
// posters, and printed pass cards for people without a smartphone.
import { h, reactive } from '../lib/vue.js';
import { api, download, imageUrl } from '../lib/api.js';
import { route } from '../lib/router.js';
import { who, overseer } from '../lib/scope.js';
import { FilingCard } from './filing.js';
import { GuideTeam, Problems } from './guide.js';
import { PlateCard } from './plate.js';
import { DailyLedger } from './ledger.js';
import { button, card, field, notice, page, plate, problem, stat, table, BATCHES, INDUSTRIES, PLACE_KINDS,
  STATUSES } from '../lib/ui.js';

export default {
  data: () => ({
    enterprise: null, places: [], counts: null, error: null, message: null, editing: false,
    edit: reactive({}), newPlace: reactive({ name: '', kind: 'GATE', requiresDynamicCode: false }),
    card: reactive({ phone: '', name: '' }), codes: {}, zones: {},
  }),
  computed: {
    id() { return route.params.id; },
    writable() {
      return overseer() || (who.scope.role === 'ENTERPRISE_MANAGER' && who.scope.enterpriseId === this.id);
    },
  },
  created() {
    this.zones = Object.fromEntries(who.zones.map((zone) => [zone.id, zone.name]));
    this.load();
  },
  beforeUnmount() { Object.values(this.codes).forEach((url) => URL.revokeObjectURL(url)); },
  methods: {
    async load() {
      try {
        [this.enterprise, this.counts] = await Promise.all([api(`/api/v1/enterprises/${this.id}`),
          api(`/api/v1/enterprises/${this.id}/scan-counts/today`)]);
        this.places = (await api(`/api/v1/enterprises/${this.id}/places?size=200`)).items;
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
    startEdit() {
      const e = this.enterprise;
      Object.assign(this.edit, { name: e.name, address: e.address, headcount: e.headcount, industry: e.industry,
        batch: String(e.batch) });
      this.editing = true;
    },
    save() {
      const changes = { name: this.edit.name, address: this.edit.address, headcount: Number(this.edit.headcount) };
      if (overseer()) Object.assign(changes, { industry: this.edit.industry, batch: Number(this.edit.batch) });
      return this.act(async () => {
        this.enterprise = await api(`/api/v1/enterprises/${this.id}`, {
          method: 'PATCH', json: changes, headers: { 'If-Match': `"${this.enterprise.version}"` },
        });
        this.editing = false;
      }, '已保存');
    },
    addPlace() {
      return this.act(async () => {
        await api(`/api/v1/enterprises/${this.id}/places`, { method: 'POST', json: { ...this.newPlace } });
        Object.assign(this.newPlace, { name: '', kind: 'GATE', requiresDynamicCode: false });
        this.places = (await api(`/api/v1/enterprises/${this.id}/places?size=200`)).items;
      }, '已添加门岗');
    },
    async showCode(place) {
      return this.act(async () => {
        this.codes = { ...this.codes, [place.id]: await imageUrl(`/api/v1/places/${place.id}/qrcode?size=256`) };
      }, null);
    },
    rotate(place) {
      if (!confirm(`更换“${place.name}”的二维码后，已打印的旧码全部失效，需重新张贴。确定更换吗？`)) return null;
      return this.act(async () => {
        await api(`/api/v1/places/${place.id}/qrcode/rotate`, { method: 'POST' });
        this.places = (await api(`/api/v1/enterprises/${this.id}/places?size=200`)).items;
        if (this.codes[place.id]) await this.showCode(place);
      }, `已更换“${place.name}”的二维码，请重新打印海报`);
    },
    remove(place) {
      if (!confirm(`删除“${place.name}”后，它的二维码将无法再扫码登记。确定删除吗？`)) return null;
      return this.act(async () => {
        await api(`/api/v1/places/${place.id}`, { method: 'DELETE' });
        this.places = this.places.filter((p) => p.id !== place.id);
      }, '已删除');
    },
    issueCard() {
      return this.act(async () => {
        const issued = await api(`/api/v1/enterprises/${this.id}/pass-cards`, { method: 'POST', json: { ...this.card } });
        Object.assign(this.card, { phone: '', name: '' });
        await download(`/api/v1/pass-cards/${issued.id}/card.pdf`, '通行卡.pdf');
      }, '已生成通行卡（PDF 已下载），请打印后交给本人');
    },
  },
  render() {
    const e = this.enterprise;
    if (!e) return page('企业档案', [], this.error ? problem(this.error) : notice('正在加载…'));
    const actions = [button('下载全部门岗海报', () => this.act(() => download(`/api/v1/enterprises/${e.id}/posters.zip`,
      '门岗海报.zip'), '海报已下载'), { kind: 'plain' })];
    actions.push(button('打印防疫公示表', () => this.act(() => download(`/api/v1/enterprises/${e.id}/disclosure-board.pdf`,
      '防疫公示表.pdf'), '防疫公示表已下载，请打印后张贴于店外'), { kind: 'plain' }));
    if (this.writable && !this.editing) actions.push(button('编辑', () => this.startEdit(), { kind: 'plain' }));
    return page(e.name, actions, problem(this.error), this.message ? notice(this.message, 'ok') : null,
      h('div', { class: 'grid' }, [
        this.editing ? card('编辑企业信息', h('form', {
          class: 'form', onSubmit: (event) => { event.preventDefault(); this.save(); },
        }, [
          field('企业名称', this.edit, 'name', { required: true, maxlength: 200 }),
          field('地址', this.edit, 'address', { required: true, maxlength: 300 }),
          field('员工人数', this.edit, 'headcount', { type: 'number', required: true, min: 1, max: 1000000 }),
          overseer() ? field('行业', this.edit, 'industry', { options: INDUSTRIES, required: true }) : null,
          overseer() ? field('复工批次', this.edit, 'batch', { options: BATCHES, required: true }) : null,
          h('div', { class: 'actions' }, [button('保存', null, { type: 'submit' }),
            button('取消', () => { this.editing = false; }, { kind: 'plain' })]),
        ])) : card('基本信息', h('dl', { class: 'facts' }, [
          h('dt', '挂牌'), h('dd', plate(e.plate)),
          h('dt', '状态'), h('dd', STATUSES[e.status]),
          h('dt', '统一社会信用代码'), h('dd', e.uscc),
          h('dt', '行业'), h('dd', INDUSTRIES[e.industry]),
          ...(e.shopKind ? [h('dt', '商户类型'), h('dd', e.shopKind)] : []),
          h('dt', '复工批次'), h('dd', BATCHES[e.batch]),
          ...(this.zones[e.zoneId] ? [h('dt', '所属区域'), h('dd', this.zones[e.zoneId])] : []),
          h('dt', '地址'), h('dd', e.address),
          h('dt', '员工人数'), h('dd', String(e.headcount)),
        ])),
        card('今日扫码', this.counts ? h('div', { class: 'stats' }, [
          stat('准入', this.counts.admitted, 'ok'), stat('拒绝', this.counts.denied, 'warn'),
          stat('体温异常', this.counts.fevers, 'bad'),
        ]) : null),
      ]),
      card('门岗与场所', table([
        { label: '名称', value: (p) => p.name },
        { label: '类型', value: (p) => PLACE_KINDS[p.kind] },
        { label: '二维码版本', value: (p) => `第 ${p.codeVersion} 版` },
        { label: '须扫动态码', value: (p) => (p.requiresDynamicCode ? '是' : '否') },
        { label: '二维码', value: (p) => (this.codes[p.id]
          ? h('img', { src: this.codes[p.id], alt: `${p.name}的二维码`, class: 'qr' })
          : button('查看', () => this.showCode(p), { kind: 'plain' })) },
        { label: '操作', value: (p) => h('div', { class: 'row-actions' }, [
          button('下载海报', () => this.act(() => download(`/api/v1/places/${p.id}/poster.pdf`, `${p.name}.pdf`),
            '海报已下载'), { kind: 'plain' }),
          this.writable ? button('更换二维码', () => this.rotate(p), { kind: 'plain' }) : null,
          this.writable ? button('删除', () => this.remove(p), { kind: 'danger' }) : null,
        ]) },
      ], this.places, { empty: '还没有门岗，请在下方添加', caption: '门岗列表' }),
      this.writable ? h('form', { class: 'inline-form', onSubmit: (event) => { event.preventDefault(); this.addPlace(); } }, [
        field('新门岗名称', this.newPlace, 'name', { required: true, maxlength: 100 }),
        field('类型', this.newPlace, 'kind', { options: PLACE_KINDS, required: true }),
        h('label', { class: 'check' }, [h('input', {
          type: 'checkbox', checked: this.newPlace.requiresDynamicCode,
          onChange: (event) => { this.newPlace.requiresDynamicCode = event.target.checked; },
        }), ' 须扫门岗屏幕上的动态码']),
        button('添加门岗', null, { type: 'submit' }),
      ]) : null),
      h(PlateCard, { enterpriseId: e.id, onChanged: () => this.load() }),
      h(FilingCard, { enterpriseId: e.id,
        canFile: who.scope.role === 'ENTERPRISE_MANAGER' && who.scope.enterpriseId === e.id }),
      h(DailyLedger, { enterpriseId: e.id,
        canRecord: who.scope.role === 'ENTERPRISE_MANAGER' && who.scope.enterpriseId === e.id }),
      overseer() ? h(GuideTeam, { enterpriseId: e.id }) : null,
      h(Problems, { enterpriseId: e.id }),
      this.writable ? card('通行卡（无智能手机人员）', h('p', { class: 'muted' },
        '为没有智能手机的员工打印通行卡，门岗扫卡登记。卡上不印完整手机号。'),
      h('form', { class: 'inline-form', onSubmit: (event) => { event.preventDefault(); this.issueCard(); } }, [
        field('姓名', this.card, 'name', { required: true, maxlength: 50 }),
        field('手机号', this.card, 'phone', { type: 'tel', required: true, maxlength: 11 }),
        button('生成并下载通行卡', null, { type: 'submit' }),
      ])) : null);
  },
};
