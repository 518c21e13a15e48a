// 一企一档: the enterprises of the current scope, filtered and paged.
import { h, reactive } from '../lib/vue.js';
import { api, query } from '../lib/api.js';
import { who, overseer } from '../lib/scope.js';
import { go } from '../lib/router.js';
import { button, field, page, pager, plate, problem, table, BATCHES, INDUSTRIES, PLATES, STATUSES } from '../lib/ui.js';

export default {
  data: () => ({ filter: reactive({ name: '', industry: '', batch: '', plate: '', zoneId: '' }), result: null,
    error: null, pageNumber: 0 }),
  created() { this.load(); },
  methods: {
    async load(pageNumber = 0) {
      this.error = null;
      const scope = who.scope;
      const zoneId = this.filter.zoneId || (overseer() && scope.role !== 'DISTRICT_ADMIN' ? scope.zoneId : undefined);
      try {
        this.result = await api(`/api/v1/enterprises${query({ ...this.filter, zoneId, page: pageNumber, size: 20 })}`);
        if (scope.enterpriseId) {
          // A manager or guide works on one enterprise at a time: the one it chose.
          this.result = { ...this.result, items: this.result.items.filter((e) => e.id === scope.enterpriseId) };
          this.result.total = this.result.items.length;
        }
      } catch (error) { this.error = error; }
    },
  },
  render() {
    const zones = Object.fromEntries(who.zones.map((zone) => [zone.id, zone.name]));
    return page('企业档案', [], h('form', {
      class: 'filters', role: 'search',
      onSubmit: (event) => { event.preventDefault(); this.load(0); },
    }, [
      field('企业名称', this.filter, 'name', { maxlength: 100 }),
      overseer() ? field('区域', this.filter, 'zoneId', { options: zones }) : null,
      field('行业', this.filter, 'industry', { options: INDUSTRIES }),
      field('批次', this.filter, 'batch', { options: BATCHES }),
      field('挂牌', this.filter, 'plate', { options: PLATES }),
      button('查询', null, { type: 'submit' }),
    ]), problem(this.error), this.result ? table([
      { label: '企业名称', value: (e) => e.name },
      { label: '行业', value: (e) => INDUSTRIES[e.industry] },
      { label: '批次', value: (e) => String(e.batch) },
      { label: '挂牌', value: (e) => plate(e.plate) },
      { label: '状态', value: (e) => STATUSES[e.status] },
      { label: '人数', value: (e) => String(e.headcount) },
    ], this.result.items, { empty: '没有符合条件的企业', onRow: (e) => go(`/enterprises/${e.id}`), caption: '企业列表' })
      : null, pager(this.result, (n) => this.load(n)));
  },
};
