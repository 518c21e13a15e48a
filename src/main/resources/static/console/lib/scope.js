// Who the signed-in user is and in which capacity it works now. A user holds several
// grants (a guide in two enterprises, an official who also manages one): it picks one,
// and the pages show that scope. The server checks every request anyway.
import { reactive } from './vue.js';
import { api } from './api.js';
import { session } from './session.js';
import { ROLES } from './ui.js';

const CONSOLE_ROLES = ['DISTRICT_ADMIN', 'OFFICIAL', 'ENTERPRISE_MANAGER', 'GUIDE'];

export const who = reactive({ me: null, scopes: [], scope: null, zones: [], loaded: false });

export async function loadWho() {
  const me = await api('/api/v1/me');
  const grants = (me.grants || []).filter((grant) => CONSOLE_ROLES.includes(grant.role));
  const overseesZones = grants.some((grant) => grant.role === 'OFFICIAL' || grant.role === 'DISTRICT_ADMIN');
  const zones = overseesZones ? (await api('/api/v1/zones')).items : [];
  const zoneNames = Object.fromEntries(zones.map((zone) => [zone.id, zone.name]));
  const scopes = [];
  for (const grant of grants) {
    if (grant.enterpriseId) {
      let name = '企业';
      try { name = (await api(`/api/v1/enterprises/${grant.enterpriseId}`)).name; } catch { /* shown by id */ }
      scopes.push({ key: `${grant.role}:${grant.enterpriseId}`, role: grant.role, enterpriseId: grant.enterpriseId,
        label: `${name} · ${ROLES[grant.role]}` });
    } else {
      scopes.push({ key: `${grant.role}:${grant.zoneId || 'all'}`, role: grant.role, zoneId: grant.zoneId,
        label: `${zoneNames[grant.zoneId] || '全区'} · ${ROLES[grant.role]}` });
    }
  }
  scopes.sort((a, b) => CONSOLE_ROLES.indexOf(a.role) - CONSOLE_ROLES.indexOf(b.role));
  const chosen = scopes.find((scope) => scope.key === session.scopeKey())
    || (scopes.length === 1 ? scopes[0] : null);
  Object.assign(who, { me, scopes, zones, scope: chosen, loaded: true });
}

export function choose(scope) {
  session.chooseScope(scope.key);
  who.scope = scope;
}

/** Whether the current scope oversees zones (an official or the district admin). */
export const overseer = () => who.scope && (who.scope.role === 'OFFICIAL' || who.scope.role === 'DISTRICT_ADMIN');
