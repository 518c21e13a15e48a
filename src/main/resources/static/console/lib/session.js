// The console's sign-in: tokens live in sessionStorage (this tab, this origin only; gone
// when the tab closes). Nothing else is stored: no personal data leaves the pages.
const ACCESS = 'fugong.accessToken';
const REFRESH = 'fugong.refreshToken';
const SCOPE = 'fugong.scope';

export const session = {
  accessToken: () => sessionStorage.getItem(ACCESS),
  refreshToken: () => sessionStorage.getItem(REFRESH),
  store(tokens) {
    sessionStorage.setItem(ACCESS, tokens.accessToken);
    sessionStorage.setItem(REFRESH, tokens.refreshToken);
  },
  clear() {
    sessionStorage.removeItem(ACCESS);
    sessionStorage.removeItem(REFRESH);
    sessionStorage.removeItem(SCOPE);
  },
  scopeKey: () => sessionStorage.getItem(SCOPE),
  chooseScope(key) { sessionStorage.setItem(SCOPE, key); },
  signedIn: () => sessionStorage.getItem(ACCESS) !== null,
};

export function toLogin() {
  session.clear();
  location.replace('/console/login.html');
}
