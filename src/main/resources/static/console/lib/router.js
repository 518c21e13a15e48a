// A hash router: '#/enterprises/<id>'. Written here because vue-router's browser build
// imports 'vue' by a bare name, which needs an import map, an inline script the
// Content-Security-Policy forbids. Paths carry ids only, never personal data.
import { reactive } from './vue.js';

export const route = reactive({ path: '/', params: {}, name: null });

let table = [];

export function defineRoutes(routes) {
  table = routes.map((entry) => ({
    ...entry,
    pattern: new RegExp(`^${entry.path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
  }));
  window.addEventListener('hashchange', resolve);
  resolve();
}

function resolve() {
  const path = location.hash.replace(/^#/, '') || '/';
  for (const entry of table) {
    const match = entry.pattern.exec(path);
    if (match) {
      Object.assign(route, { path, params: { ...(match.groups || {}) }, name: entry.name });
      return;
    }
  }
  Object.assign(route, { path, params: {}, name: 'not-found' });
}

export function go(path) {
  location.hash = `#${path}`;
}

export function routeComponent() {
  return table.find((entry) => entry.name === route.name)?.component;
}
