// The console's small set of building blocks, as render-function helpers (h). Labels are
// real <label>s, buttons real <button>s, so keyboard and screen readers work.
import { h } from './vue.js';

let ids = 0;
const nextId = () => `f${++ids}`;

export const PLATES = { BLUE: '蓝牌', YELLOW: '黄牌', RED: '红牌' };
export const STATUSES = { PREPARING: '筹备复工', OPERATING: '已复工', SUSPENDED: '停产整顿' };
export const INDUSTRIES = {
  MANUFACTURING: '制造业', CONSTRUCTION: '建筑业', TRANSPORT_LOGISTICS: '交通物流', COMMERCE: '商贸',
  HOSPITALITY: '住宿餐饮', FINANCE: '金融', AGRICULTURE: '农业', HEALTHCARE: '医疗卫生', EDUCATION: '教育',
  UTILITIES: '水电气', SERVICES: '服务业', OTHER: '其他',
};
export const BATCHES = { 1: '第一批（保供）', 2: '第二批（重点项目）', 3: '第三批（一般企业）' };
export const ROLES = {
  EMPLOYEE: '员工', GATE_STAFF: '门岗', GUIDE: '驻企指导员', ENTERPRISE_MANAGER: '企业负责人',
  OFFICIAL: '主管部门', DISTRICT_ADMIN: '区指挥部',
};
export const PLACE_KINDS = { GATE: '门岗', ENTRANCE: '出入口', CHECKPOINT: '卡点', SITE: '工地', SHOP: '门店' };

export function page(title, actions, ...content) {
  return h('section', { class: 'page', 'aria-labelledby': 'page-title' }, [
    h('header', { class: 'page-head' }, [h('h1', { id: 'page-title' }, title), h('div', { class: 'actions' }, actions)]),
    ...content,
  ]);
}

export function card(title, ...content) {
  return h('section', { class: 'card' }, [title ? h('h2', title) : null, ...content]);
}

export function button(label, onClick, { kind = 'primary', disabled = false, type = 'button' } = {}) {
  return h('button', { type, class: `btn btn-${kind}`, disabled, onClick }, label);
}

export function badge(text, tone) {
  return h('span', { class: `badge badge-${tone || 'plain'}` }, text);
}

export function plate(value) {
  return value ? badge(PLATES[value], value.toLowerCase()) : badge('未挂牌', 'plain');
}

/** A labelled input bound to model[key]. */
export function field(label, model, key, { type = 'text', required = false, options = null, hint = null,
  min, max, maxlength, placeholder } = {}) {
  const id = nextId();
  const control = options
    ? h('select', {
      id, value: model[key] ?? '', required,
      onChange: (event) => { model[key] = event.target.value; },
    }, [h('option', { value: '' }, required ? '请选择' : '全部'),
      ...Object.entries(options).map(([value, text]) => h('option', { value }, text))])
    : h(type === 'textarea' ? 'textarea' : 'input', {
      id, type: type === 'textarea' ? undefined : type, value: model[key] ?? '', required, min, max, maxlength,
      placeholder,
      onInput: (event) => { model[key] = event.target.value; },
    });
  return h('div', { class: 'field' }, [
    h('label', { for: id }, label),
    control,
    hint ? h('small', hint) : null,
  ]);
}

/** A table of rows; columns: [{ label, value(row) }]; empty: what to say when there are none. */
export function table(columns, rows, { empty = '暂无数据', onRow = null, caption = null } = {}) {
  if (!rows || rows.length === 0) return h('p', { class: 'empty' }, empty);
  return h('table', { class: 'table' }, [
    caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', h('tr', columns.map((column) => h('th', { scope: 'col' }, column.label)))),
    h('tbody', rows.map((row) => h('tr', onRow ? {
      class: 'clickable', tabindex: 0, onClick: () => onRow(row),
      onKeydown: (event) => { if (event.key === 'Enter') onRow(row); },
    } : {}, columns.map((column) => h('td', column.value(row)))))),
  ]);
}

export function pager(result, onPage) {
  if (!result || result.total <= result.size) return null;
  const pages = Math.ceil(result.total / result.size);
  return h('nav', { class: 'pager', 'aria-label': '分页' }, [
    button('上一页', () => onPage(result.page - 1), { kind: 'plain', disabled: result.page === 0 }),
    h('span', `第 ${result.page + 1} / ${pages} 页，共 ${result.total} 条`),
    button('下一页', () => onPage(result.page + 1), { kind: 'plain', disabled: result.page + 1 >= pages }),
  ]);
}

/** A problem from the API as a user reads it: its detail, and each field that was wrong. */
export function problem(error) {
  if (!error) return null;
  return h('div', { class: 'notice notice-error', role: 'alert' }, [
    h('p', error.message),
    error.errors?.length
      ? h('ul', error.errors.map((item) => h('li', `${item.field}：${item.message}`)))
      : null,
  ]);
}

export function notice(text, tone = 'info') {
  return h('div', { class: `notice notice-${tone}`, role: tone === 'error' ? 'alert' : 'status' }, text);
}

export function time(value) {
  if (!value) return '';
  return new Date(value).toLocaleString('zh-CN', { hour12: false });
}

export function stat(label, value, tone) {
  return h('div', { class: `stat stat-${tone || 'plain'}` }, [h('span', { class: 'stat-value' }, String(value ?? '—')),
    h('span', { class: 'stat-label' }, label)]);
}
