// The mobile page that plays the mini-program where WeChat is not at hand (demos, tests, a
// plain phone browser in the local profile). It signs in through the in-process WeChat fake
// exactly as the mini-program does through WeChat: a login code for an openid, a phone
// code for a number. Tokens stay in sessionStorage of this tab.
import { createApp, h, reactive } from '/console/lib/vue.js';

const store = {
  get: () => JSON.parse(sessionStorage.getItem('fugong.m.tokens') || 'null'),
  set: (tokens) => sessionStorage.setItem('fugong.m.tokens', JSON.stringify(tokens)),
  clear: () => sessionStorage.removeItem('fugong.m.tokens'),
};

class Problem extends Error {
  constructor(status, body) {
    super(body?.detail || `请求失败（${status}）`);
    this.status = status;
    this.errors = body?.errors || [];
  }
}

async function post(path, json, token) {
  return send(path, { method: 'POST', json }, token);
}

async function send(path, { method = 'GET', json, accept } = {}, token = store.get()?.accessToken, retried = false) {
  const headers = {};
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  if (accept) headers.Accept = accept;
  const answer = await fetch(path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  if (answer.status === 401 && token && !retried && store.get()?.refreshToken) {
    const refreshed = await fetch('/api/v1/auth/token/refresh', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: store.get().refreshToken }),
    });
    if (refreshed.ok) {
      const tokens = await refreshed.json();
      store.set(tokens);
      return send(path, { method, json, accept }, tokens.accessToken, true);
    }
    store.clear();
    state.user = null;
  }
  if (!answer.ok) {
    let body = null;
    try { body = await answer.json(); } catch { /* no problem body */ }
    throw new Problem(answer.status, body);
  }
  return answer;
}

const json = async (answer) => (answer.status === 204 ? null : answer.json());

const REASONS = {
  IN_OBSERVATION: '处于隔离观察期', HEALTH_ABNORMAL: '健康状态异常', FEVER: '体温异常，请到发热门诊就诊',
  ENTERPRISE_RED_PLATE: '企业红牌停产', ENTERPRISE_SUSPENDED: '企业停产整顿', DYNAMIC_CODE_REQUIRED: '请扫描门岗屏幕上的动态码',
  RETURN_NOT_ALLOWED: '暂缓返岗',
};

const state = reactive({ user: null, tab: 'scan', error: null, message: null, result: null, login: null,
  pass: null, scans: null, lookups: null, busy: false, camera: false, reported: null });
const SYMPTOMS = {
  FEVER: '发热', COUGH: '咳嗽', FATIGUE: '乏力', SORE_THROAT: '咽痛', SHORTNESS_OF_BREATH: '气促', DIARRHEA: '腹泻',
  LOSS_OF_TASTE_OR_SMELL: '嗅觉味觉减退', OTHER: '其他不适',
};
const health = reactive({ temperature: '', symptoms: [] });
const TRANSPORTS = { TRAIN: '火车', PLANE: '飞机', BUS: '客车', CAR: '自驾', SHIP: '轮船', OTHER: '其他' };
const FLAGS = { HIGH_RISK_REGION: '来自或途经高风险地区', CONTACT_WITH_CASE: '接触过确诊或疑似病例' };
const STATUSES = {
  EXPECTED: '待返岗', IN_OBSERVATION: '隔离观察中', CLEARED: '已解除观察', REPORT_OVERDUE: '未按时报告', ABNORMAL: '健康异常',
};
// 返岗申报: the employer named by one of its gate codes, where from, when, how, the route.
const declaration = reactive({ employerCode: '', employer: null, regionQuery: '', regions: [], origin: '',
  departedAt: '', arrivedAt: '', arriving: 'ARRIVED', transport: 'TRAIN', legs: [], contact: false, result: null });
const form = reactive({ openid: 'demo-employee', phone: '', code: '', temperature: '', outbound: false });

async function act(work) {
  state.error = null;
  state.message = null;
  state.busy = true;
  try { await work(); } catch (error) { state.error = error; } finally { state.busy = false; }
}

async function loadMe() {
  if (!store.get()) return;
  try { state.user = await json(await send('/api/v1/me')); } catch { state.user = null; }
}

function signIn() {
  return act(async () => {
    // What wx.login gives the mini-program: a one-time code for this WeChat user (the fake's).
    const { code } = await json(await post('/__fake/wechat/login-codes', { openid: form.openid.trim() }, null));
    const tokens = await json(await post('/api/v1/auth/wechat/login', { code }, null));
    store.set(tokens);
    await loadMe();
  });
}

function bindPhone() {
  return act(async () => {
    // What the phone button gives the mini-program: a one-time code WeChat vouches for.
    const { code } = await json(await post('/__fake/wechat/phone-codes', { phone: form.phone.trim() }, null));
    const { phoneMasked } = await json(await post('/api/v1/auth/wechat/phone', { code }));
    state.message = `已绑定手机号 ${phoneMasked}`;
    await loadMe();
  });
}

function signOut() {
  return act(async () => {
    try { await post('/api/v1/auth/logout'); } catch { /* signed out anyway */ }
    store.clear();
    state.user = null;
  });
}

/** A scanned or pasted code: a place's (scan in) or a console's sign-in (confirm it). */
function handleCode(content) {
  const text = content.trim();
  if (/\/l\/[^/]+$/.test(text)) return startConsoleLogin(text.slice(text.lastIndexOf('/l/') + 3));
  return scanPlace(text);
}

function scanPlace(code) {
  return act(async () => {
    const body = { code, clientScanId: `m-${crypto.randomUUID()}` };
    if (form.temperature) body.temperature = Number(form.temperature);
    // Leaving a residential community through its checkpoint: recorded as going out.
    if (form.outbound) body.direction = 'OUT';
    state.result = await json(await post('/api/v1/scans', body));
    form.code = '';
  });
}

function startConsoleLogin(ticket) {
  return act(async () => {
    const info = await json(await post(`/api/v1/auth/qr-login/${encodeURIComponent(ticket)}/scan`));
    state.login = { ticket, ...info };
    form.code = '';
  });
}

function answerConsole(action) {
  return act(async () => {
    await post(`/api/v1/auth/qr-login/${encodeURIComponent(state.login.ticket)}/${action}`);
    state.message = action === 'confirm' ? '已确认，电脑上的管理平台已登录' : '已取消登录';
    state.login = null;
  });
}

function showPass() {
  return act(async () => {
    const answer = await send('/api/v1/me/pass-code?format=png');
    if (state.pass?.url) URL.revokeObjectURL(state.pass.url);
    state.pass = { url: URL.createObjectURL(await answer.blob()), expires: new Date(answer.headers.get('Expires')) };
  });
}

function loadScans() {
  return act(async () => {
    state.scans = (await json(await send('/api/v1/me/scans?days=14&size=50'))).items;
    state.lookups = (await json(await send('/api/v1/me/trajectory-lookups'))).items;
  });
}

/** 每日健康打卡: at least twice a day (seed 004), temperature and symptoms. */
function reportHealth() {
  return act(async () => {
    state.reported = await json(await send('/api/v1/health-reports', { method: 'POST',
      json: { temperature: Number(health.temperature), symptoms: health.symptoms } }));
    health.temperature = '';
    health.symptoms = [];
  });
}

/** The employer of a declaration: the enterprise whose gate code the person scanned or pasted. */
function findEmployer() {
  return act(async () => {
    const place = await json(await post('/api/v1/codes/resolve', { code: declaration.employerCode.trim() }));
    declaration.employer = { id: place.enterpriseId, name: place.enterpriseName };
  });
}

/** Regions by name (GB/T 2260), for the origin and each leg of the route. */
function searchRegions() {
  return act(async () => {
    const q = declaration.regionQuery.trim();
    declaration.regions = q ? await json(await send(`/api/v1/regions?q=${encodeURIComponent(q)}`)) : [];
    if (declaration.regions.length && !declaration.origin) declaration.origin = declaration.regions[0].code;
  });
}

const instant = (local) => (local ? new Date(local).toISOString() : undefined);

function declare() {
  return act(async () => {
    const d = declaration;
    const body = {
      enterpriseId: d.employer.id, originRegion: d.origin, departedAt: instant(d.departedAt),
      transport: d.transport, contactWithCase: d.contact,
      travel: d.legs.filter((leg) => leg.region).map((leg) => ({ region: leg.region, from: instant(leg.from),
        to: instant(leg.to) })),
    };
    body[d.arriving === 'ARRIVED' ? 'arrivedAt' : 'expectedArrivalAt'] = instant(d.arrivedAt);
    d.result = await json(await post('/api/v1/returnees', body));
  });
}

/** The camera, where the browser can read QR codes (BarcodeDetector); pasting always works. */
async function startCamera(video) {
  if (!('BarcodeDetector' in window)) {
    state.error = new Error('此浏览器不支持摄像头识别二维码，请粘贴二维码内容。');
    return;
  }
  const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  video.srcObject = stream;
  await video.play();
  state.camera = true;
  const tick = async () => {
    if (!state.camera) { stream.getTracks().forEach((track) => track.stop()); return; }
    const codes = await detector.detect(video).catch(() => []);
    if (codes.length > 0) {
      state.camera = false;
      stream.getTracks().forEach((track) => track.stop());
      handleCode(codes[0].rawValue);
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function errorBox() {
  if (!state.error) return null;
  return h('div', { class: 'error', role: 'alert' }, [state.error.message,
    state.error.errors?.length ? h('ul', state.error.errors.map((e) => h('li', `${e.field}：${e.message}`))) : null]);
}

function field(label, key, attrs = {}) {
  const id = `m-${key}`;
  return [h('label', { for: id }, label), h('input', {
    id, value: form[key], ...attrs, onInput: (event) => { form[key] = event.target.value; },
  })];
}

function signInView() {
  return [
    h('div', { class: 'panel demo' }, '演示环境：本页面模拟微信小程序，通过内置的微信模拟服务登录，仅在本地演示配置下可用。'),
    h('form', { class: 'panel', onSubmit: (event) => { event.preventDefault(); signIn(); } }, [
      h('h2', '微信登录'),
      ...field('微信用户（openid）', 'openid', { required: true, maxlength: 128, autocomplete: 'off' }),
      h('p', { class: 'muted' }, '示例：demo-employee（员工）、demo-guide（指导员）、demo-manager（企业负责人）'),
      h('button', { class: 'btn', type: 'submit', disabled: state.busy }, '登录'),
      errorBox(),
    ]),
  ];
}

function bindView() {
  return h('form', { class: 'panel', onSubmit: (event) => { event.preventDefault(); bindPhone(); } }, [
    h('h2', '绑定手机号'),
    h('p', { class: 'muted' }, '扫码登记需要先绑定手机号（由微信验证）。'),
    ...field('手机号', 'phone', { type: 'tel', required: true, maxlength: 11, inputmode: 'numeric' }),
    h('button', { class: 'btn', type: 'submit', disabled: state.busy }, '获取并绑定手机号'),
  ]);
}

function scanView() {
  if (state.login) {
    return h('div', { class: 'panel' }, [
      h('h2', '确认登录管理平台'),
      h('div', { class: 'console' }, [
        h('p', `登录地址：${state.login.consoleIp}`),
        h('p', `浏览器：${state.login.consoleUserAgent || '未知'}`),
        h('p', `时间：${new Date(state.login.requestedAt).toLocaleString('zh-CN', { hour12: false })}`),
      ]),
      h('p', { class: 'muted' }, '请确认这是您本人正在使用的电脑。如不是，请取消。'),
      h('button', { class: 'btn', type: 'button', disabled: state.busy, onClick: () => answerConsole('confirm') }, '确认登录'),
      h('button', { class: 'btn btn-plain', type: 'button', disabled: state.busy, onClick: () => answerConsole('cancel') },
        '取消'),
      errorBox(),
    ]);
  }
  return [
    state.user && !state.user.phoneMasked ? bindView() : null,
    h('form', { class: 'panel', onSubmit: (event) => { event.preventDefault(); handleCode(form.code); } }, [
      h('h2', '扫码登记 / 扫码登录'),
      h('video', { ref: 'video', hidden: !state.camera, playsinline: true, muted: true }),
      h('button', { class: 'btn btn-plain', type: 'button', onClick: (event) => {
        const video = event.target.closest('form').querySelector('video');
        startCamera(video).catch((error) => { state.error = error; });
      } }, '打开摄像头扫码'),
      ...field('或粘贴二维码内容', 'code', { required: true, maxlength: 512, autocomplete: 'off',
        placeholder: 'https://…/q/…' }),
      ...field('体温（℃，门口测量后填写，可不填）', 'temperature', { type: 'number', step: '0.1', min: '34', max: '43',
        inputmode: 'decimal' }),
      h('label', { class: 'check' }, [h('input', { type: 'checkbox', checked: form.outbound,
        onChange: (event) => { form.outbound = event.target.checked; } }), ' 离开小区（在小区卡点出门时勾选）']),
      h('button', { class: 'btn', type: 'submit', disabled: state.busy }, '提交'),
      errorBox(),
      state.message ? h('div', { class: 'ok', role: 'status' }, state.message) : null,
    ]),
  ];
}

function resultView() {
  const result = state.result;
  const admit = result.decision === 'ADMIT';
  return h('div', { class: ['result', admit ? 'result-admit' : 'result-deny'], role: 'alert' }, [
    h('div', { class: 'verdict' }, result.direction === 'OUT' ? (admit ? '准许离开' : '禁止通行，请联系卡点工作人员')
      : (admit ? '准许进入' : '禁止进入')),
    h('div', { class: 'place' }, `${result.place.enterpriseName} · ${result.place.name}`),
    admit ? null : h('ul', (result.reasons || []).map((reason) => h('li', REASONS[reason] || reason))),
    result.feverClinic ? h('p', '请由工作人员引导至发热门诊') : null,
    h('p', new Date(result.scannedAt).toLocaleString('zh-CN', { hour12: false })),
    h('button', { class: 'btn', type: 'button', onClick: () => { state.result = null; } }, '完成'),
  ]);
}

function passView() {
  return h('div', { class: 'panel pass' }, [
    h('h2', '我的通行码'),
    h('p', { class: 'muted' }, '请门岗人员扫描此码登记。通行码一分钟内有效，过期请刷新。'),
    state.pass ? h('img', { src: state.pass.url, alt: '我的通行码', class: 'pass-green' }) : null,
    state.pass ? h('p', `有效期至 ${state.pass.expires.toLocaleTimeString('zh-CN', { hour12: false })}`) : null,
    h('button', { class: 'btn', type: 'button', disabled: state.busy, onClick: showPass }, state.pass ? '刷新' : '显示通行码'),
    errorBox(),
  ]);
}

const PURPOSES = {
  CASE_INVESTIGATION: '流行病学调查', FEVER_FOLLOW_UP: '发热随访', RETURNEE_CHECK: '返岗核查', CONTACT_SCREENING: '密接排查',
  OTHER: '其他',
};
const purposeText = (purpose) => {
  const [code, ...note] = (purpose || '').split(':');
  return [PURPOSES[code] || code, note.join(':').trim()].filter(Boolean).join('：');
};

/** 谁查看过我的轨迹: every lookup of the person, answered or refused, as the audit trail has it. */
function lookupsView() {
  return h('div', { class: 'panel' }, [
    h('h2', '谁查询过我的行程'),
    h('p', { class: 'muted' }, '防控部门或单位查询您的扫码轨迹、筛查密切接触者时，都会记录在这里。'),
    state.lookups === null ? h('p', { class: 'muted' }, '正在加载…')
      : state.lookups.length === 0 ? h('p', { class: 'muted' }, '暂无查询记录')
        : h('ul', { class: 'lookups' }, state.lookups.map((lookup) => h('li', [
          h('span', `${lookup.actorOrganisation || ''}（${lookup.kind === 'CONTACT_SCREENING' ? '密接筛查' : '轨迹查询'}）`),
          h('span', { class: 'muted' }, `用途：${purposeText(lookup.purpose)}${lookup.outcome === 'ANSWERED' ? '' : '（未获查询结果）'}`),
          h('time', new Date(lookup.at).toLocaleString('zh-CN', { hour12: false })),
        ]))),
  ]);
}

function recordsView() {
  return [h('div', { class: 'panel' }, [
    h('h2', '近 14 天扫码记录'),
    state.scans === null ? h('p', { class: 'muted' }, '正在加载…')
      : state.scans.length === 0 ? h('p', { class: 'muted' }, '暂无记录')
        : h('ul', { class: 'list' }, state.scans.map((scan) => h('li', [
          h('span', `${scan.enterpriseName || ''} ${scan.placeName || ''}`),
          h('span', { class: scan.decision === 'ADMIT' ? 'tag-admit' : 'tag-deny' },
            scan.decision === 'ADMIT' ? '准入' : '拒绝'),
          h('time', new Date(scan.scannedAt).toLocaleString('zh-CN', { hour12: false })),
        ]))),
    errorBox(),
  ]), lookupsView()];
}

function healthView() {
  const reported = state.reported;
  return h('form', { class: 'panel', onSubmit: (event) => { event.preventDefault(); reportHealth(); } }, [
    h('h2', '健康打卡'),
    h('p', { class: 'muted' }, '每天上午、下午各报告一次体温和身体状况。'),
    h('label', { for: 'm-health-temperature' }, '体温（℃）'),
    h('input', { id: 'm-health-temperature', type: 'number', step: '0.1', min: '34', max: '43', required: true,
      inputmode: 'decimal', value: health.temperature, onInput: (event) => { health.temperature = event.target.value; } }),
    h('fieldset', { class: 'symptoms' }, [h('legend', '今天是否有以下症状（可多选）'),
      ...Object.entries(SYMPTOMS).map(([key, label]) => h('label', { class: 'check' }, [h('input', {
        type: 'checkbox', checked: health.symptoms.includes(key),
        onChange: (event) => {
          health.symptoms = event.target.checked ? [...health.symptoms, key] : health.symptoms.filter((s) => s !== key);
        },
      }), ` ${label}`]))]),
    h('button', { class: 'btn', type: 'submit', disabled: state.busy }, '提交'),
    errorBox(),
    reported ? h('div', { class: reported.abnormal ? 'error' : 'ok', role: 'status' }, reported.abnormal
      ? '已提交。您的健康状况异常，请勿到岗，企业负责人已收到提醒，请按要求就医。'
      : `已提交${reported.slot === 'MORNING' ? '上午' : '下午'}的健康打卡，谢谢。`) : null,
  ]);
}

function declarationView() {
  const d = declaration;
  const bind = (key, attrs = {}) => ({ id: `m-declare-${key}`, value: d[key], ...attrs,
    onInput: (event) => { d[key] = event.target.value; } });
  if (d.result) {
    return h('div', { class: 'panel' }, [
      h('h2', '返岗申报'),
      h('div', { class: d.result.flags.length ? 'error' : 'ok', role: 'status' }, [
        h('p', `已申报，状态：${STATUSES[d.result.status] || d.result.status}。`),
        d.result.observationEndsAt ? h('p', `医学观察至 ${new Date(d.result.observationEndsAt)
          .toLocaleString('zh-CN', { hour12: false })}，其间请勿到岗。`) : null,
        d.result.flags.length ? h('p', `暂缓返岗：${d.result.flags.map((flag) => FLAGS[flag] || flag).join('、')}。请听从社区和单位安排。`) : null,
      ]),
      h('button', { class: 'btn btn-plain', type: 'button', onClick: () => { d.result = null; } }, '再申报一次行程'),
    ]);
  }
  if (!d.employer) {
    return h('form', { class: 'panel', onSubmit: (event) => { event.preventDefault(); findEmployer(); } }, [
      h('h2', '返岗申报'),
      h('p', { class: 'muted' }, '从外地返回的员工请在返岗前申报行程（可提前 2 天）。先扫描或粘贴本单位任一门岗的二维码，确认工作单位。'),
      h('label', { for: 'm-declare-employerCode' }, '本单位门岗二维码内容'),
      h('input', bind('employerCode', { required: true, maxlength: 512, autocomplete: 'off', placeholder: 'https://…/q/…' })),
      h('button', { class: 'btn', type: 'submit', disabled: state.busy }, '确认单位'),
      errorBox(),
    ]);
  }
  return h('form', { class: 'panel', onSubmit: (event) => { event.preventDefault(); declare(); } }, [
    h('h2', '返岗申报'),
    h('p', ['工作单位：', h('strong', d.employer.name), ' ', h('a', { href: '#', onClick: (event) => {
      event.preventDefault(); d.employer = null;
    } }, '更换')]),
    h('label', { for: 'm-declare-regionQuery' }, '出发地（输入地名查找）'),
    h('div', { class: 'row' }, [
      h('input', bind('regionQuery', { maxlength: 20, placeholder: '如：武汉' })),
      h('button', { class: 'btn btn-plain', type: 'button', disabled: state.busy, onClick: searchRegions }, '查找'),
    ]),
    h('label', { for: 'm-declare-origin' }, '出发地'),
    h('select', { id: 'm-declare-origin', required: true, value: d.origin,
      onChange: (event) => { d.origin = event.target.value; } }, [h('option', { value: '' }, '请先查找'),
      ...d.regions.map((region) => h('option', { value: region.code }, region.fullName))]),
    h('label', { for: 'm-declare-departedAt' }, '出发时间'),
    h('input', bind('departedAt', { type: 'datetime-local', required: true })),
    h('fieldset', { class: 'symptoms' }, [h('legend', '是否已到达'),
      ...[['ARRIVED', '已到达'], ['EXPECTED', '尚未到达（预计到达时间）']].map(([value, label]) => h('label',
        { class: 'check' }, [h('input', { type: 'radio', name: 'arriving', value, checked: d.arriving === value,
          onChange: () => { d.arriving = value; } }), ` ${label}`]))]),
    h('label', { for: 'm-declare-arrivedAt' }, d.arriving === 'ARRIVED' ? '到达时间' : '预计到达时间'),
    h('input', bind('arrivedAt', { type: 'datetime-local', required: true })),
    h('label', { for: 'm-declare-transport' }, '交通方式'),
    h('select', { id: 'm-declare-transport', value: d.transport, onChange: (event) => { d.transport = event.target.value; } },
      Object.entries(TRANSPORTS).map(([value, label]) => h('option', { value }, label))),
    h('fieldset', { class: 'symptoms' }, [h('legend', '近 14 天途经地（可不填）'),
      ...d.legs.map((leg, i) => h('div', { class: 'leg' }, [
        h('select', { 'aria-label': `途经地 ${i + 1}`, value: leg.region, onChange: (event) => { leg.region = event.target.value; } },
          [h('option', { value: '' }, '请选择（先在上方查找）'),
            ...d.regions.map((region) => h('option', { value: region.code }, region.fullName))]),
        h('input', { type: 'datetime-local', 'aria-label': `途经地 ${i + 1} 到达`, value: leg.from, required: true,
          onInput: (event) => { leg.from = event.target.value; } }),
        h('input', { type: 'datetime-local', 'aria-label': `途经地 ${i + 1} 离开`, value: leg.to, required: true,
          onInput: (event) => { leg.to = event.target.value; } }),
      ])),
      h('button', { class: 'btn btn-plain', type: 'button', onClick: () => d.legs.push({ region: '', from: '', to: '' }) },
        '添加途经地'),
    ]),
    h('label', { class: 'check' }, [h('input', { type: 'checkbox', checked: d.contact,
      onChange: (event) => { d.contact = event.target.checked; } }), ' 近 14 天接触过确诊或疑似病例']),
    h('p', { class: 'muted' }, '如实申报是法定义务。申报信息加密保存，仅本单位负责人、驻企指导员和主管部门可查看。'),
    h('button', { class: 'btn', type: 'submit', disabled: state.busy }, '提交申报'),
    errorBox(),
  ]);
}

const TABS = [['scan', '扫码'], ['health', '健康'], ['declare', '返岗'], ['pass', '通行码'], ['records', '记录']];

const App = {
  async created() { await loadMe(); },
  render() {
    if (state.result) return resultView();
    const user = state.user;
    return h('div', { class: 'app' }, [
      h('header', { class: 'bar' }, [h('span', '复工扫码'), user ? h('span', { class: 'who' }, [
        user.phoneMasked || '未绑定手机', ' · ', h('a', { href: '#', onClick: (event) => { event.preventDefault(); signOut(); },
        }, '退出'),
      ]) : null]),
      h('main', user ? (state.tab === 'scan' ? scanView() : state.tab === 'health' ? healthView()
        : state.tab === 'declare' ? declarationView() : state.tab === 'pass' ? passView() : recordsView())
        : signInView()),
      user ? h('nav', { class: 'tabs', 'aria-label': '功能' }, TABS.map(([key, label]) => h('button', {
        type: 'button', 'aria-current': state.tab === key ? 'page' : undefined,
        onClick: () => {
          state.tab = key;
          state.error = null;
          if (key === 'records') loadScans();
        },
      }, label))) : null,
    ]);
  },
};

createApp(App).mount('#app');
