// Live gate alerts (fevers, denied entries) for the current scope, from the SSE stream.
import { h } from './vue.js';
import { events } from './api.js';
import { who } from './scope.js';
import { card, notice, time } from './ui.js';

const REASONS = {
  IN_OBSERVATION: '隔离观察期内', HEALTH_ABNORMAL: '健康状态异常', FEVER: '体温异常', ENTERPRISE_RED_PLATE: '企业红牌停产',
  ENTERPRISE_SUSPENDED: '企业停产整顿', DYNAMIC_CODE_REQUIRED: '须扫门岗动态码', RETURN_NOT_ALLOWED: '暂缓返岗',
};

export const reasonText = (reason) => REASONS[reason] || reason;

/** Whether an alert is about the current scope (the stream carries all of the user's). */
function inScope(alert) {
  const scope = who.scope;
  if (!scope) return false;
  if (scope.enterpriseId) return alert.enterpriseId === scope.enterpriseId;
  if (scope.role === 'DISTRICT_ADMIN') return true;
  return subtree(scope.zoneId).has(alert.zoneId);
}

function subtree(root) {
  const ids = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const zone of who.zones) {
      if (zone.parentId && ids.has(zone.parentId) && !ids.has(zone.id)) { ids.add(zone.id); grew = true; }
    }
  }
  return ids;
}

export const LiveAlerts = {
  emits: ['alert'],
  data: () => ({ alerts: [], state: 'connecting', fresh: null }),
  mounted() {
    this.stop = events('/api/v1/alerts/stream', (name, alert) => {
      if (!inScope(alert)) return;
      this.alerts = [alert, ...this.alerts].slice(0, 50);
      this.$emit('alert', alert);
      // A visual cue, no sound: the newest alert is highlighted for a few seconds.
      this.fresh = alert.scanId;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => { this.fresh = null; }, 6000);
    }, (state) => { this.state = state; });
  },
  beforeUnmount() { this.stop?.(); clearTimeout(this.timer); },
  render() {
    return card('实时预警', h('p', { class: 'muted', 'aria-live': 'polite' },
      this.state === 'open' ? '已连接，新的预警会即时出现在这里。' : '正在连接预警推送…'),
    this.alerts.length === 0 ? h('p', { class: 'empty' }, '暂无预警')
      : h('ul', { class: 'alerts', 'aria-live': 'polite' }, this.alerts.map((alert) => h('li', {
        key: alert.scanId,
        class: ['alert', alert.fever ? 'alert-fever' : 'alert-denied', alert.scanId === this.fresh ? 'alert-fresh' : ''],
      }, [
        h('strong', alert.fever ? '体温异常' : '拒绝入场'),
        h('span', `${alert.enterpriseName} · ${alert.placeName}`),
        h('span', { class: 'muted' }, (alert.reasons || []).map(reasonText).join('、')),
        h('time', { datetime: alert.scannedAt }, time(alert.scannedAt)),
      ]))));
  },
};

export function alertsUnavailable() {
  return card('实时预警', notice('驻企指导员不接收门岗预警推送；预警发给企业负责人和主管部门。'));
}
