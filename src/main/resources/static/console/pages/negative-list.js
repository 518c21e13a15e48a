// 负面清单 (seed 003): the kinds of shop that may not reopen, kept by the district; the shops of
// a listed kind that are open anyway, for inspection; who changed the list and when.
import { h, reactive } from '../lib/vue.js';
import { api } from '../lib/api.js';
import { go } from '../lib/router.js';
import { button, card, field, notice, page, plate, problem, table, time, INDUSTRIES } from '../lib/ui.js';

const blank = () => ({ industry: '', shopKind: '', from: new Date().toLocaleDateString('sv'), to: '', reason: '' });

export default {
  data: () => ({ list: null, open: null, history: [], kinds: [], error: null, message: null,
    draft: reactive(blank()) }),
  created() { this.load(); },
  methods: {
    async load() {
      try {
        [this.list, this.open, this.history, this.kinds] = await Promise.all([api('/api/v1/negative-list'),
          api('/api/v1/negative-list/open-enterprises').then((r) => r.items),
          api('/api/v1/negative-list/history?limit=10').then((r) => r.items),
          api('/api/v1/shop-kinds').then((r) => r.items)]);
      } catch (error) { this.error = error; }
    },
    async save(items, done) {
      this.error = null;
      this.message = null;
      try {
        await api('/api/v1/negative-list', { method: 'PUT', json: { items } });
        await this.load();
        this.message = done;
      } catch (error) { this.error = error; }
    },
    plain(items) {
      return items.map(({ industry, shopKind, from, to, reason }) => ({ industry, shopKind, from, to, reason }));
    },
    add() {
      const item = { ...this.draft, shopKind: this.draft.shopKind || null, to: this.draft.to || null };
      return this.save([...this.plain(this.list.items), item], '已加入负面清单').then(() => {
        Object.assign(this.draft, blank());
      });
    },
    remove(index) {
      if (!confirm('移出负面清单后，该类商户可以申请入驻和复工备案。确定移出吗？')) return null;
      const items = this.plain(this.list.items).filter((_, i) => i !== index);
      return this.save(items, '已移出负面清单');
    },
  },
  render() {
    const list = this.list;
    if (!list) return page('负面清单', [], this.error ? problem(this.error) : notice('正在加载…'));
    const today = new Date().toLocaleDateString('sv');
    return page('负面清单', [], problem(this.error), this.message ? notice(this.message, 'ok') : null,
      card('清单内的商户类型', h('p', { class: 'muted' },
        '清单内的行业与商户类型在有效期内不得申请入驻、不得复工备案，申请人会看到下列原因。'
        + (list.changedAt ? `最近修改：${time(list.changedAt)}` : '')),
      table([
        { label: '行业', value: (item) => INDUSTRIES[item.industry] },
        { label: '商户类型', value: (item) => item.shopKind || '（整个行业）' },
        { label: '起始', value: (item) => item.from },
        { label: '截止', value: (item) => item.to || '长期' },
        { label: '状态', value: (item) => (item.from > today ? '未生效' : (item.to && item.to < today ? '已过期' : '生效中')) },
        { label: '原因', value: (item) => item.reason },
        ...(list.editable ? [{ label: '操作', value: (item) => button('移出', () => this.remove(list.items.indexOf(item)),
          { kind: 'danger' }) }] : []),
      ], list.items, { empty: '负面清单为空', caption: '负面清单' }),
      list.editable ? h('form', { class: 'inline-form', onSubmit: (event) => { event.preventDefault(); this.add(); } }, [
        field('行业', this.draft, 'industry', { options: INDUSTRIES, required: true }),
        field('商户类型', this.draft, 'shopKind', { maxlength: 50, hint: `留空表示整个行业；常见：${this.kinds.join('、')}` }),
        field('起始日期', this.draft, 'from', { type: 'date', required: true }),
        field('截止日期', this.draft, 'to', { type: 'date', hint: '留空表示长期' }),
        field('原因', this.draft, 'reason', { required: true, maxlength: 300 }),
        button('加入清单', null, { type: 'submit' }),
      ]) : h('p', { class: 'muted' }, '负面清单由区级主管部门维护；您可以查看并据此巡查。')),
      card('清单内仍在营业的商户（待巡查）', table([
        { label: '商户', value: (o) => o.name },
        { label: '商户类型', value: (o) => o.shopKind || INDUSTRIES[o.industry] },
        { label: '挂牌', value: (o) => plate(o.plate) },
        { label: '清单原因', value: (o) => o.reason },
        { label: '操作', value: (o) => button('查看档案', () => go(`/enterprises/${o.enterpriseId}`), { kind: 'plain' }) },
      ], this.open, { empty: '辖区内没有清单内仍在营业的商户', caption: '清单内仍在营业的商户' })),
      card('修改记录', table([
        { label: '修改时间', value: (v) => time(v.changedAt) },
        { label: '修改人', value: (v) => h('code', v.changedBy) },
        { label: '条目数', value: (v) => String(v.items.length) },
        { label: '内容', value: (v) => v.items.map((item) => item.shopKind || INDUSTRIES[item.industry]).join('、') },
      ], this.history, { empty: '暂无修改记录', caption: '修改记录' })));
  },
};
