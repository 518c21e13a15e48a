// The console: one page, its views chosen by the hash (lib/router.js). Signed in by QR code
// on login.html; the tokens are in sessionStorage.
import { createApp, h } from './lib/vue.js';
import { defineRoutes, route, routeComponent, go } from './lib/router.js';
import { session, toLogin } from './lib/session.js';
import { api } from './lib/api.js';
import { who, loadWho, choose, overseer } from './lib/scope.js';
import { button, notice, problem } from './lib/ui.js';
import Home from './pages/home.js';
import Enterprises from './pages/enterprises.js';
import EnterpriseDetail from './pages/enterprise.js';
import Oversight from './pages/oversight.js';
import { Returnees, ReturneeDetail } from './pages/returnees.js';
import GuideDesk from './pages/guide.js';
import Dashboard from './pages/dashboard.js';
import Trajectory from './pages/trajectory.js';
import Inspections from './pages/inspections.js';
import NegativeList from './pages/negative-list.js';
import Communities from './pages/communities.js';

if (!session.signedIn()) toLogin();

defineRoutes([
  { path: '/', name: 'home', component: Home, label: '首页' },
  { path: '/enterprises', name: 'enterprises', component: Enterprises, label: '企业' },
  { path: '/enterprises/:id', name: 'enterprise', component: EnterpriseDetail },
  { path: '/returnees', name: 'returnees', component: Returnees, label: '返岗人员' },
  { path: '/returnees/:id', name: 'returnee', component: ReturneeDetail },
  { path: '/oversight', name: 'oversight', component: Oversight, label: '监管待办' },
  { path: '/guide', name: 'guide', component: GuideDesk, label: '驻企工作' },
  { path: '/dashboard', name: 'dashboard', component: Dashboard, label: '复工统计' },
  { path: '/trajectory', name: 'trajectory', component: Trajectory, label: '轨迹查询' },
  { path: '/inspections', name: 'inspections', component: Inspections, label: '检查抽查' },
  { path: '/negative-list', name: 'negative-list', component: NegativeList, label: '负面清单' },
  { path: '/communities', name: 'communities', component: Communities, label: '网格小区' },
]);

/**
 * The menu of the current scope: a guide also has its desk; officials and the district
 * admin their statistics and queues.
 */
const nav = () => [
  { path: '/', name: 'home', label: '首页' },
  ...(who.scope.role === 'GUIDE' ? [{ path: '/guide', name: 'guide', label: '驻企工作' }] : []),
  { path: '/enterprises', name: 'enterprises', label: '企业' },
  { path: '/returnees', name: 'returnees', label: '返岗人员' },
  // Trajectories: officials over their zones, managers over their own employees.
  ...(overseer() || who.scope.role === 'ENTERPRISE_MANAGER'
    ? [{ path: '/trajectory', name: 'trajectory', label: '轨迹查询' }] : []),
  ...(overseer() ? [{ path: '/dashboard', name: 'dashboard', label: '复工统计' },
    { path: '/oversight', name: 'oversight', label: '监管待办' },
    { path: '/inspections', name: 'inspections', label: '检查抽查' },
    { path: '/negative-list', name: 'negative-list', label: '负面清单' },
    { path: '/communities', name: 'communities', label: '网格小区' }] : []),
];

async function signOut() {
  try { await api('/api/v1/auth/logout', { method: 'POST' }); } catch { /* signed out anyway */ }
  toLogin();
}

const ScopePicker = {
  render() {
    return h('main', { class: 'picker' }, [
      h('h1', '请选择工作身份'),
      h('p', '您的账号在多个企业或区域有权限，请选择本次要处理的一项（可随时切换）。'),
      h('ul', who.scopes.map((scope) => h('li', button(scope.label, () => choose(scope), { kind: 'plain' })))),
    ]);
  },
};

const Shell = {
  data: () => ({ error: null }),
  async created() {
    try { await loadWho(); } catch (error) { this.error = error; }
  },
  render() {
    if (this.error) return h('main', { class: 'picker' }, [problem(this.error)]);
    if (!who.loaded) return h('main', { class: 'picker' }, notice('正在加载…'));
    if (who.scopes.length === 0) {
      return h('main', { class: 'picker' }, [
        notice('您的账号没有管理后台的权限（驻企指导员、企业负责人、主管部门）。', 'error'),
        // How a new guide gets stationed: it tells the official this id.
        h('p', ['如需派驻为指导员，请将账号编号告知主管部门：', h('code', { class: 'user-id' }, who.me?.id)]),
        button('退出登录', signOut, { kind: 'plain' }),
      ]);
    }
    if (!who.scope) return h(ScopePicker);
    const current = routeComponent();
    return h('div', { class: 'shell' }, [
      h('a', { class: 'skip', href: '#main' }, '跳到正文'),
      h('header', { class: 'topbar' }, [
        h('span', { class: 'brand' }, '复工复产管理平台'),
        h('div', { class: 'topbar-right' }, [
          who.scopes.length > 1
            ? h('label', { class: 'scope' }, ['当前身份 ', h('select', {
              value: who.scope.key,
              onChange: (event) => { choose(who.scopes.find((scope) => scope.key === event.target.value)); go('/'); },
            }, who.scopes.map((scope) => h('option', { value: scope.key }, scope.label)))])
            : h('span', { class: 'scope' }, who.scope.label),
          button('退出', signOut, { kind: 'plain' }),
        ]),
      ]),
      h('nav', { class: 'sidebar', 'aria-label': '主菜单' }, h('ul', nav().map((item) => h('li', h('a', {
        href: `#${item.path}`,
        'aria-current': route.name === item.name || (item.name === 'enterprises' && route.name === 'enterprise')
          || (item.name === 'returnees' && route.name === 'returnee') ? 'page' : undefined,
      }, item.label))))),
      h('main', { id: 'main', class: 'content', tabindex: -1 },
        current ? h(current, { key: `${who.scope.key}:${route.path}` }) : notice('没有这个页面。')),
    ]);
  },
};

createApp(Shell).mount('#app');
