// The console and the mobile page as people use them, in Debian's Chromium against the
// service started with the local profile (e2e/run.sh). Screenshots go to docs/console/.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PHONE, browser, contexts, json, miniProgramToken, newPage, shot, signInByQr, watchErrors } from './support.js';

const RUIRUN = '00000000-0000-7000-8000-000000000101';
const RUIRUN_EAST_GATE = '00000000-0000-7000-8000-000000000201';
const TIANYOU = '00000000-0000-7000-8000-000000000102';
const QINGGANG_LOGISTICS = '00000000-0000-7000-8000-000000000105'; // RED plate, suspended

let chromium;
before(async () => { chromium = await browser(); });
after(async () => { await chromium?.close(); });
afterEach(async () => { for (const context of contexts.splice(0)) await context.close(); });

async function consoleToken(openid) {
  return (await json('/__dev/tokens', { method: 'POST', body: { openid, audience: 'CONSOLE' } })).accessToken;
}

async function placeCode(placeId, token) {
  const answer = await fetch(`${BASE}/api/v1/places/${placeId}/qrcode?format=json`,
    { headers: { Authorization: `Bearer ${token}` } });
  return (await answer.json()).content;
}

/** A new employee with a bound phone, signed in on the mobile page; the page. */
async function employeeOnPhone(phoneNumber) {
  const page = await newPage(chromium, PHONE);
  const errors = watchErrors(page);
  const openid = `e2e-${crypto.randomUUID()}`;
  await page.goto(`${BASE}/m/`);
  await page.getByLabel('微信用户（openid）').fill(openid);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByLabel('手机号').fill(phoneNumber);
  await page.getByRole('button', { name: '获取并绑定手机号' }).click();
  await page.getByRole('status').filter({ hasText: '已绑定手机号' }).waitFor();
  return { page, errors, openid };
}

const randomPhone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

test('a manager signs in by QR from the phone and sees a fever raised by a scan arrive live', async () => {
  const { desk, phone, deskErrors, phoneErrors } = await signInByQr(chromium, 'demo-manager', { screenshots: true });
  await desk.getByRole('heading', { name: '今日扫码' }).waitFor();
  await desk.getByText('已连接，新的预警会即时出现在这里。').waitFor();
  const fevers = desk.locator('.stat-bad .stat-value');
  const before = Number(await fevers.innerText());

  const employee = await employeeOnPhone(randomPhone());
  const code = await placeCode(RUIRUN_EAST_GATE, await consoleToken('demo-manager'));
  await employee.page.getByLabel('或粘贴二维码内容').fill(code);
  await employee.page.getByLabel(/体温/).fill('38.1');
  await employee.page.getByRole('button', { name: '提交' }).click();
  await employee.page.getByText('禁止进入').waitFor();
  await shot(employee.page, '21-mobile-scan-fever');

  const alert = desk.locator('.alert-fever').filter({ hasText: '东门' }).first();
  await alert.waitFor();
  assert.match(await alert.innerText(), /体温异常/);
  await desk.waitForFunction((n) => Number(document.querySelector('.stat-bad .stat-value').textContent) === n,
    before + 1);
  await shot(desk, '03-home-manager-alert');
  assert.deepEqual(deskErrors, []);
  assert.deepEqual(phoneErrors, []);
  assert.deepEqual(employee.errors, []);
});

test('an enterprise page lists its gates, shows a code and downloads a poster', async () => {
  const { desk, deskErrors } = await signInByQr(chromium, 'demo-manager');
  await desk.getByRole('link', { name: '企业', exact: true }).click();
  await desk.getByRole('cell', { name: '瑞润电子有限公司' }).waitFor();
  await shot(desk, '04-enterprises');
  await desk.getByRole('cell', { name: '瑞润电子有限公司' }).click();
  await desk.getByRole('heading', { name: '瑞润电子有限公司' }).waitFor();
  await desk.getByRole('cell', { name: '东门', exact: true }).waitFor();
  const eastGate = desk.getByRole('row').filter({ hasText: '东门' });
  await eastGate.getByRole('button', { name: '查看' }).click();
  await eastGate.getByRole('img', { name: '东门的二维码' }).waitFor();
  await shot(desk, '05-enterprise');

  const [download] = await Promise.all([desk.waitForEvent('download'),
    eastGate.getByRole('button', { name: '下载海报' }).click()]);
  const pdf = Buffer.from(await (await download.createReadStream()).toArray().then((parts) => Buffer.concat(parts)));
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.match(download.suggestedFilename(), /\.pdf$/);
  assert.deepEqual(deskErrors, []);
});

test('an official sees its zone: enterprises by plate and industry, and every enterprise of the park', async () => {
  const { desk, deskErrors } = await signInByQr(chromium, 'demo-official');
  await desk.getByRole('heading', { name: '挂牌分布' }).waitFor();
  await desk.getByRole('img', { name: '挂牌分布饼图' }).locator('canvas').waitFor();
  await shot(desk, '06-home-official');
  await desk.getByRole('link', { name: '企业', exact: true }).click();
  await desk.getByRole('cell', { name: '天友乳业有限公司' }).waitFor();
  const names = await desk.locator('tbody tr td:first-child').allInnerTexts();
  assert.ok(names.includes('瑞润电子有限公司'));
  assert.ok(!names.includes('青杠便民超市'), 'the town is outside the park official\'s zone');
  assert.deepEqual(deskErrors, []);
});

test('the mobile page turns red at the gate of a suspended enterprise, and shows a pass code', async () => {
  const admin = await consoleToken('demo-admin');
  const place = await json(`/api/v1/enterprises/${QINGGANG_LOGISTICS}/places`, {
    method: 'POST', headers: { Authorization: `Bearer ${admin}` },
    body: { name: `e2e 门岗 ${Date.now()}`, kind: 'GATE' },
  });
  const code = await placeCode(place.id, admin);

  const { page, errors } = await employeeOnPhone(randomPhone());
  await shot(page, '20-mobile-scan');
  await page.getByLabel('或粘贴二维码内容').fill(code);
  await page.getByRole('button', { name: '提交' }).click();
  const verdict = page.locator('.result');
  await verdict.waitFor();
  assert.match(await verdict.getAttribute('class'), /result-deny/);
  assert.equal(await verdict.evaluate((node) => getComputedStyle(node).backgroundColor), 'rgb(217, 48, 37)');
  assert.match(await verdict.innerText(), /禁止进入[\s\S]*企业红牌停产[\s\S]*企业停产整顿/);
  await shot(page, '22-mobile-deny-suspended');
  await page.getByRole('button', { name: '完成' }).click();

  await page.getByRole('button', { name: '通行码' }).click();
  await page.getByRole('button', { name: '显示通行码' }).click();
  await page.getByRole('img', { name: '我的通行码' }).waitFor();
  await shot(page, '23-mobile-pass-code');
  await page.getByRole('button', { name: '记录' }).click();
  await page.locator('.list li').first().waitFor();
  assert.match(await page.locator('.list').innerText(), /拒绝/);
  await shot(page, '24-mobile-records');
  assert.deepEqual(errors, []);
});

test('a guide stationed in two enterprises picks one, and the pages keep to it', async () => {
  const admin = await consoleToken('demo-admin');
  const openid = `e2e-guide-${crypto.randomUUID()}`;
  const token = await miniProgramToken(openid);
  const me = await json('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
  for (const enterpriseId of [RUIRUN, TIANYOU]) {
    await json('/api/v1/role-grants', { method: 'POST', headers: { Authorization: `Bearer ${admin}` },
      body: { userId: me.id, role: 'GUIDE', enterpriseId } });
  }
  const { desk, deskErrors } = await signInByQr(chromium, openid);
  await desk.getByRole('heading', { name: '请选择工作身份' }).waitFor();
  await shot(desk, '07-scope-picker');
  await desk.getByRole('button', { name: '天友乳业有限公司 · 驻企指导员' }).click();
  await desk.getByRole('heading', { name: '天友乳业有限公司' }).waitFor();
  await desk.getByRole('link', { name: '企业', exact: true }).click();
  await desk.getByRole('cell', { name: '天友乳业有限公司' }).waitFor();
  assert.deepEqual(await desk.locator('tbody tr td:first-child').allInnerTexts(), ['天友乳业有限公司']);
  // A guide reads, it does not edit.
  await desk.getByRole('cell', { name: '天友乳业有限公司' }).click();
  await desk.getByRole('heading', { name: '门岗与场所' }).waitFor();
  assert.equal(await desk.getByRole('button', { name: '编辑' }).count(), 0);
  assert.deepEqual(deskErrors, []);
});

test('an official works its queues: an application waits, a complaint is verified and resolved', async () => {
  // A complaint anyone may make, anonymous: what the official's queue is for.
  const text = `车间有人未戴口罩（${Date.now()}）`;
  await json('/api/v1/complaints', {
    method: 'POST', body: { enterpriseId: '00000000-0000-7000-8000-000000000101', category: 'MASKS', text },
  });
  const { desk, deskErrors } = await signInByQr(chromium, 'demo-official');
  await desk.getByRole('link', { name: '监管待办' }).click();
  await desk.getByRole('heading', { name: /企业注册申请/ }).waitFor();
  await desk.getByRole('cell', { name: '高新区便民药房' }).waitFor();
  // Newest first, its text shown only on request (the read is audited).
  const complaints = desk.getByRole('table', { name: '群众举报' });
  await complaints.getByRole('row').nth(1).getByRole('button', { name: '查看内容' }).click();
  await complaints.getByRole('cell', { name: text }).waitFor();
  const row = complaints.getByRole('row').filter({ hasText: text });
  await row.getByRole('button', { name: '核实属实' }).click();
  await desk.getByText(/核实属实：已完成/).waitFor();
  await shot(desk, '07-oversight-official');
  await row.getByRole('button', { name: '已督促整改' }).click();
  await desk.getByRole('textbox', { name: '整改情况' }).fill('已责令全员佩戴口罩，复查合格。');
  await desk.getByRole('button', { name: '确定' }).click();
  await desk.getByText(/已整改：已完成/).waitFor();
  assert.equal(await complaints.getByRole('row').filter({ hasText: text }).count(), 0,
    'a resolved complaint leaves the queue');
  assert.deepEqual(deskErrors, []);
});

/** A valid unified social credit code (GB 32100-2015 check character), new each time. */
function newUscc() {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '91500227';
  for (let i = 0; i < 9; i++) body += chars[Math.floor(Math.random() * 31)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += chars.indexOf(body[i]) * (3 ** i % 31);
  return body + chars[(31 - (sum % 31)) % 31];
}

test('a new enterprise\'s manager files for resumption and uploads its commitment letter', async () => {
  const official = await consoleToken('demo-official');
  const auth = (token) => ({ Authorization: `Bearer ${token}` });
  const name = `e2e 复工测试厂 ${Date.now()}`;
  const enterprise = await json('/api/v1/enterprises', { method: 'POST', headers: auth(official), body: {
    name, uscc: newUscc(), industry: 'MANUFACTURING', batch: 2, zoneId: '00000000-0000-7000-8000-000000000002',
    address: '高新区测试路 8 号', headcount: 60,
  } });
  // Its manager: a new WeChat user, granted the enterprise by the district admin.
  const openid = `e2e-manager-${crypto.randomUUID()}`;
  const me = await json('/api/v1/me', { headers: auth(await miniProgramToken(openid)) });
  await json('/api/v1/role-grants', { method: 'POST', headers: auth(await consoleToken('demo-admin')),
    body: { userId: me.id, role: 'ENTERPRISE_MANAGER', enterpriseId: enterprise.id } });

  const { desk, deskErrors } = await signInByQr(chromium, openid);
  await desk.goto(`${BASE}/console/#/enterprises/${enterprise.id}`);
  const form = desk.getByRole('form', { name: '提交复工备案' });
  await form.getByLabel('计划复工人数').fill('60');
  await form.getByLabel('其中本地').fill('50');
  await form.getByLabel('其中外地').fill('10');
  await form.getByLabel('口罩（只）').fill('2000');
  await form.getByLabel('消毒液（升）').fill('40');
  await form.getByLabel('体温计（支）').fill('4');
  await form.getByLabel('已成立防控工作小组').check();
  await form.getByLabel('已设置临时隔离室').check();
  await form.getByRole('textbox', { name: '防控方案' }).fill('每日两次测温，车间每日消杀两次，食堂分餐。');
  await form.getByRole('textbox', { name: '应急预案' }).fill('发现发热员工立即送临时隔离室，报告园区并送发热门诊。');
  for (const one of ['一份责任书', '一张健康信息表', '一套应急预案', '一支应急队伍', '一套管理机制']) {
    await form.getByRole('checkbox', { name: one }).check();
  }
  await form.getByLabel(/承诺书/).check();
  await form.getByRole('button', { name: '提交备案' }).click();
  await desk.getByText('待初审').waitFor();
  await desk.getByText(/尚缺材料：.*承诺书/).waitFor();

  const upload = desk.getByRole('form', { name: '上传备案材料' });
  await upload.getByLabel('材料类别').selectOption('COMMITMENT_LETTER');
  await upload.getByLabel(/文件/).setInputFiles({ name: '承诺书.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') });
  await upload.getByRole('button', { name: '上传' }).click();
  await desk.getByRole('link', { name: '承诺书.pdf' }).waitFor();
  await shot(desk, '08-filing-manager');
  // The park's official sees it in the queue.
  const filings = await json('/api/v1/filings?state=SUBMITTED&size=100', { headers: auth(official) });
  assert.ok(filings.items.some((filing) => filing.enterpriseId === enterprise.id));
  assert.deepEqual(deskErrors, []);
});

/** A date in Asia/Shanghai, days from today, as the staff sheet writes it (YYYY-MM-DD). */
function shanghaiDate(days) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test('a manager imports a staff sheet with two bad rows; the returnee is turned away, reports a fever, and the manager sees it', async () => {
  const phoneNumber = randomPhone();
  const sheet = '姓名,手机号码,身份证号码,来源地区代码,离开日期,抵达日期,交通方式,途经地区代码,14天内接触病例\n'
    + `王小明,${phoneNumber},,440300,${shanghaiDate(-3)},${shanghaiDate(-1)},火车,,否\n`
    + `李四,1391234000,,440300,${shanghaiDate(-3)},${shanghaiDate(-1)},火车,,否\n`
    + `张三,${randomPhone()},,440300,${shanghaiDate(-3)},${shanghaiDate(5)},火车,,否\n`;
  const { desk, deskErrors } = await signInByQr(chromium, 'demo-manager');
  await desk.getByRole('link', { name: '返岗人员' }).click();
  const upload = desk.getByRole('form', { name: '导入摸排表' });
  await upload.getByLabel('摸排表文件').setInputFiles({ name: '上岗人员摸排表.csv', mimeType: 'text/csv',
    buffer: Buffer.from(sheet) });
  await upload.getByRole('button', { name: '上传并导入' }).click();
  await desk.getByText(/导入完成：共 3 行.*有误 2 行/).waitFor();
  const rejected = desk.getByRole('table', { name: '有误的行' });
  assert.deepEqual(await rejected.locator('tbody tr td:first-child').allInnerTexts(), ['3', '4']);
  await shot(desk, '09-returnees-import');

  // The employee of the sheet: signed in, the phone bound, turned away at the gate.
  const employee = await employeeOnPhone(phoneNumber);
  const code = await placeCode(RUIRUN_EAST_GATE, await consoleToken('demo-manager'));
  await employee.page.getByLabel('或粘贴二维码内容').fill(code);
  await employee.page.getByRole('button', { name: '提交' }).click();
  await employee.page.getByText('禁止进入').waitFor();
  await employee.page.getByText('处于隔离观察期').waitFor();
  await employee.page.getByRole('button', { name: '完成' }).click();

  // The manager's home listens for alerts; the employee reports 38.1 °C.
  await desk.getByRole('link', { name: '首页' }).click();
  await desk.getByText('已连接，新的预警会即时出现在这里。').waitFor();
  await employee.page.getByRole('button', { name: '健康' }).click();
  await employee.page.getByLabel('体温（℃）').fill('38.1');
  await employee.page.getByRole('button', { name: '提交' }).click();
  await employee.page.getByText(/健康状况异常/).waitFor();
  await shot(employee.page, '25-mobile-health-report');
  await desk.locator('.alert-fever').first().waitFor();

  // The list shows the returnee, and the export downloads with its Chinese name.
  await desk.getByRole('link', { name: '返岗人员' }).click();
  await desk.getByRole('cell', { name: /^王/ }).first().waitFor();
  const [file] = await Promise.all([desk.waitForEvent('download'),
    desk.getByRole('button', { name: '导出 Excel' }).click()]);
  assert.equal(file.suggestedFilename(), '返岗人员.xlsx');
  assert.deepEqual(deskErrors, []);
  assert.deepEqual(employee.errors, []);
});

test('an official stations two guides; the guide files today\'s prefilled report and a supplies problem; the official sees both', async () => {
  const official = await consoleToken('demo-official');
  const auth = { Authorization: `Bearer ${official}` };
  // The enterprise starts without a team, however often this runs against one database.
  const active = await json(`/api/v1/guide-assignments?enterpriseId=${TIANYOU}&active=true`, { headers: auth });
  for (const assignment of active.items) {
    await json(`/api/v1/guide-assignments/${assignment.id}`, { method: 'DELETE', headers: auth });
  }
  const guides = [];
  for (let i = 0; i < 2; i++) {
    const openid = `e2e-guide-${crypto.randomUUID()}`;
    const me = await json('/api/v1/me', { headers: { Authorization: `Bearer ${await miniProgramToken(openid)}` } });
    guides.push({ openid, id: me.id });
  }

  const { desk, deskErrors } = await signInByQr(chromium, 'demo-official');
  await desk.getByRole('link', { name: '复工统计' }).click();
  const missing = desk.locator('section.card').filter({ hasText: '今日未报日报的企业' });
  await missing.waitFor();
  await desk.goto(`${BASE}/console/#/enterprises/${TIANYOU}`);
  const team = desk.locator('section.card').filter({ has: desk.getByRole('heading', { name: '驻企指导员' }) });
  await team.getByText('尚未派驻指导员').waitFor();
  for (const [guide, department] of [[guides[0], '行业主管部门'], [guides[1], '卫生健康系统']]) {
    await team.getByLabel('指导员账号编号').fill(guide.id);
    await team.getByLabel('所属部门').selectOption({ label: department });
    await team.getByRole('button', { name: '派驻', exact: true }).click();
    await team.getByRole('cell', { name: department }).waitFor();
  }
  // A team is two: no form for a third.
  assert.equal(await team.getByLabel('指导员账号编号').count(), 0);
  await shot(desk, '10-enterprise-guide-team');
  // The dashboard lists the enterprise among those without today's report.
  await desk.getByRole('link', { name: '复工统计' }).click();
  await missing.getByRole('cell', { name: '天友乳业有限公司' }).waitFor();

  // The guide signs in by QR and finds the enterprise with today's form prefilled.
  const guide = await signInByQr(chromium, guides[0].openid);
  await guide.desk.getByRole('link', { name: '驻企工作' }).click();
  const form = guide.desk.getByRole('form', { name: '指导员日报' });
  await form.waitFor();
  await form.getByText('据今日门岗扫码').waitFor();
  await form.getByText('据返岗人员档案').waitFor();
  const returned = Number(await form.getByLabel('已返岗人数').inputValue());
  assert.ok(returned >= 0, 'returned is prefilled from the gates');
  await form.getByLabel('其中本地').fill(String(returned));
  await form.getByLabel('其中外地').fill('0');
  await form.getByLabel('计划返岗人数').fill(String(returned + 20));
  await form.getByLabel('情况说明').fill('生产线已恢复两条。');
  await form.getByRole('button', { name: '上报今日日报' }).click();
  await guide.desk.getByText('今日日报已上报。').waitFor();
  await guide.desk.getByRole('button', { name: '更正今日日报' }).waitFor();
  const problems = guide.desk.getByRole('form', { name: '反映问题' });
  await problems.getByLabel('问题类别').selectOption({ label: '防疫物资' });
  const need = `口罩缺口 2000 只（${Date.now()}）`;
  await problems.getByLabel('问题描述').fill(need);
  await problems.getByRole('button', { name: '反映问题' }).click();
  await guide.desk.getByRole('cell', { name: need }).waitFor();
  await shot(guide.desk, '11-guide-desk');

  // The official's page, read again, has the report in and the problem to take in hand.
  const deadline = Date.now() + 60_000;
  for (;;) {
    await desk.getByRole('link', { name: '首页' }).click();
    await desk.getByRole('link', { name: '复工统计' }).click();
    await missing.waitFor();
    if (!(await missing.innerText()).includes('天友乳业有限公司')) break;
    assert.ok(Date.now() < deadline, 'the filed report took the enterprise off the list within a minute');
  }
  const queue = desk.locator('section.card').filter({ hasText: '待办的企业困难问题' });
  const row = queue.getByRole('row').filter({ hasText: need });
  await row.waitFor();
  await row.getByRole('button', { name: '受理' }).click();
  const answer = queue.getByRole('form', { name: '受理问题' });
  await answer.getByLabel('受理意见（可不填）').fill('已联系物资保障组');
  await answer.getByRole('button', { name: '受理', exact: true }).click();
  await queue.getByRole('row').filter({ hasText: need }).getByText('办理中').waitFor();
  await shot(desk, '12-dashboard-official');
  assert.deepEqual(deskErrors, []);
  assert.deepEqual(guide.deskErrors, []);
});

test('an employee back from Wuhan declares its trip on the phone: accepted, flagged, and turned away at its gate', async () => {
  const { page, errors, openid } = await employeeOnPhone(randomPhone());
  // Its manager adds it to 瑞润电子's staff; the mini-program, opened again, carries the role.
  const manager = await consoleToken('demo-manager');
  const userId = await page.evaluate(async () => {
    const { accessToken } = JSON.parse(sessionStorage.getItem('fugong.m.tokens'));
    return (await (await fetch('/api/v1/me', { headers: { Authorization: `Bearer ${accessToken}` } })).json()).id;
  });
  await json('/api/v1/role-grants', { method: 'POST', headers: { Authorization: `Bearer ${manager}` },
    body: { userId, role: 'EMPLOYEE', enterpriseId: RUIRUN } });
  await page.getByRole('link', { name: '退出' }).click();
  await page.getByLabel('微信用户（openid）').fill(openid);
  await page.getByRole('button', { name: '登录' }).click();

  await page.getByRole('button', { name: '返岗' }).click();
  const code = await placeCode(RUIRUN_EAST_GATE, manager);
  await page.getByLabel('本单位门岗二维码内容').fill(code);
  await page.getByRole('button', { name: '确认单位' }).click();
  await page.getByText('瑞润电子有限公司').waitFor();
  await page.getByLabel('出发地（输入地名查找）').fill('武汉');
  await page.getByRole('button', { name: '查找' }).click();
  await page.locator('#m-declare-origin option[value="420100"]').waitFor({ state: 'attached' });
  await page.getByLabel('出发地', { exact: true }).selectOption('420100');
  // The phone's clock is the district's (Asia/Shanghai): local date-times as a person types them.
  const local = (hoursAgo) => new Date(Date.now() + 8 * 3600e3 - hoursAgo * 3600e3).toISOString().slice(0, 16);
  await page.getByLabel('出发时间', { exact: true }).fill(local(26));
  await page.getByLabel('到达时间', { exact: true }).fill(local(2));
  await page.getByLabel('交通方式').selectOption('TRAIN');
  await page.getByRole('button', { name: '提交申报' }).click();
  const result = page.getByRole('status').filter({ hasText: '已申报' });
  await result.waitFor();
  assert.match(await result.innerText(), /隔离观察中[\s\S]*医学观察至[\s\S]*暂缓返岗：来自或途经高风险地区/);
  await shot(page, '26-mobile-declaration');

  await page.getByRole('button', { name: '扫码' }).click();
  await page.getByLabel('或粘贴二维码内容').fill(code);
  await page.getByRole('button', { name: '提交' }).click();
  const verdict = page.locator('.result');
  await verdict.waitFor();
  assert.match(await verdict.innerText(), /禁止进入[\s\S]*处于隔离观察期/);
  assert.deepEqual(errors, []);
});

test('two employees scan the same gate minutes apart; an official looks the first up, screens its contacts, and the first sees who looked', async () => {
  const manager = await consoleToken('demo-manager');
  const code = await placeCode(RUIRUN_EAST_GATE, manager);
  const phones = [randomPhone(), randomPhone()];
  const employees = [];
  for (const phoneNumber of phones) {
    const employee = await employeeOnPhone(phoneNumber);
    await employee.page.getByLabel('或粘贴二维码内容').fill(code);
    await employee.page.getByLabel(/体温/).fill('36.5');
    await employee.page.getByRole('button', { name: '提交' }).click();
    await employee.page.locator('.result').waitFor();
    await employee.page.getByRole('button', { name: '完成' }).click();
    employees.push(employee);
  }

  const { desk, deskErrors } = await signInByQr(chromium, 'demo-official');
  await desk.getByRole('link', { name: '轨迹查询' }).click();
  await desk.getByText('每次查询都会记录查询人').waitFor();
  const lookup = desk.getByRole('form', { name: '轨迹查询' });
  await lookup.getByLabel('手机号').fill(phones[0]);
  await lookup.getByLabel('查询用途').selectOption({ label: '流行病学调查' });
  await lookup.getByRole('button', { name: '查询' }).click();
  const timeline = desk.getByRole('list', { name: '扫码轨迹' });
  await timeline.getByText('瑞润电子有限公司 · 东门').first().waitFor();
  // Masked: the page never shows the whole number it was given.
  const masked = `${phones[0].slice(0, 3)}****${phones[0].slice(-4)}`;
  await desk.getByText(masked).first().waitFor();
  assert.ok(!(await desk.locator('main').innerText()).includes(phones[0].slice(3, 7) + phones[0].slice(-4)));
  await desk.getByRole('button', { name: '筛查此人的密切接触者' }).click();
  const contacts = desk.locator('section.card').filter({ hasText: '密接排查结果' });
  await contacts.getByText(`${phones[1].slice(0, 3)}****${phones[1].slice(-4)}`).waitFor();
  await shot(desk, '13-trajectory-official');

  // The first employee sees the park's lookups of it, with their purpose.
  const first = employees[0].page;
  await first.getByRole('button', { name: '记录' }).click();
  const lookups = first.locator('.lookups');
  await lookups.getByText(/轨迹查询/).first().waitFor();
  assert.match(await lookups.innerText(), /流行病学调查/);
  assert.match(await lookups.innerText(), /密接筛查/);
  await shot(first, '27-mobile-who-looked');
  assert.deepEqual(deskErrors, []);
  assert.deepEqual(employees[0].errors, []);
});

test('an official draws a plan for the park, inspects a site from it, and the failed item gives it a yellow plate', async () => {
  const { desk, deskErrors } = await signInByQr(chromium, 'demo-official');
  await desk.getByRole('link', { name: '检查抽查' }).click();
  await desk.getByRole('heading', { name: '抽查计划' }).waitFor();
  await desk.getByLabel('抽查比例').selectOption({ label: '全部' });
  await desk.getByLabel('随机种子（可不填）').fill(`e2e-${Date.now()}`);
  await desk.getByRole('button', { name: '生成抽查名单' }).click();
  const plan = desk.getByRole('table', { name: '抽查名单' });
  const site = plan.getByRole('row').filter({ hasText: '城南安置房建设工地' });
  await site.waitFor();
  assert.match(await desk.getByText(/随机种子 e2e-/).innerText(), /抽取 \d+ 家/);
  await site.getByRole('button', { name: '检查' }).click();

  const form = desk.getByRole('form', { name: '检查「城南安置房建设工地」' });
  await form.getByRole('radiogroup', { name: '生产线戴口罩结果' }).getByLabel('不合格').check();
  await form.getByRole('textbox', { name: '生产线戴口罩发现的问题' }).fill('钢筋加工区 3 人未戴口罩');
  await form.getByLabel('检查小结').fill('已现场督促整改。');
  await shot(desk, '18-inspection-official');
  await form.getByRole('button', { name: '提交检查结果' }).click();

  await desk.getByText('已记录对「城南安置房建设工地」的检查：有不合格项，已挂黄牌').waitFor();
  await plan.getByRole('row').filter({ hasText: '城南安置房建设工地' }).getByText('已检查').waitFor();
  const recent = desk.getByRole('table', { name: '近期检查' }).getByRole('row').filter({ hasText: '城南安置房建设工地' });
  assert.match(await recent.first().innerText(), /有不合格项[\s\S]*生产线戴口罩[\s\S]*黄牌/);
  // The enterprise's own page shows the plate the inspection gave it, and its history; a RED
  // proposed there waits for a second official.
  await desk.goto(`${BASE}/console/#/enterprises/00000000-0000-7000-8000-000000000103`);
  const history = desk.getByRole('table', { name: '挂牌记录' });
  assert.match(await history.getByRole('row').filter({ hasText: '检查发现问题' }).innerText(), /黄牌[\s\S]*已生效/);
  const change = desk.getByRole('form', { name: '变更挂牌' });
  await change.getByLabel('新挂牌').selectOption({ label: '红牌' });
  await change.getByLabel('理由').fill('复查仍未整改，停工整顿');
  await change.getByRole('button', { name: '变更挂牌' }).click();
  await desk.getByText('红牌已提请，待另一名工作人员在「监管待办」确认').waitFor();
  await history.getByRole('row').filter({ hasText: '待第二人确认' }).waitFor();
  await shot(desk, '19-enterprise-plate-official');
  assert.deepEqual(deskErrors, []);
});

test('a hotpot restaurant\'s application is refused by the negative list; the admin keeps the list and opens a listed shop\'s disclosure board', async () => {
  // A new user applies for a hotpot restaurant (火锅) from the mini-program: refused with the reason.
  const applicant = await miniProgramToken(`e2e-hotpot-${crypto.randomUUID()}`);
  const refused = await fetch(`${BASE}/api/v1/enterprise-applications`, {
    method: 'POST', headers: { Authorization: `Bearer ${applicant}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: `e2e 老火锅 ${Date.now()}`, uscc: newUscc(), industry: 'HOSPITALITY', shopKind: '火锅',
      batch: 3, zoneId: '00000000-0000-7000-8000-000000000002', address: '高新区火锅街 1 号', headcount: 8 }),
  });
  assert.equal(refused.status, 409);
  const problem = await refused.json();
  assert.equal(problem.code, 'negative_listed');
  assert.match(problem.detail, /火锅.*人员密集/);

  const { desk, deskErrors } = await signInByQr(chromium, 'demo-admin');
  desk.on('dialog', (dialog) => dialog.accept());
  await desk.getByRole('link', { name: '负面清单' }).click();
  const list = desk.getByRole('table', { name: '负面清单' });
  await list.getByRole('cell', { name: '火锅', exact: true }).waitFor();
  // A listed kind that opened anyway waits for inspection.
  const open = desk.getByRole('table', { name: '清单内仍在营业的商户' });
  await open.getByRole('cell', { name: '渝味老火锅（高新区店）' }).waitFor();

  const kind = `密室逃脱 ${Date.now() % 10000}`;
  await desk.getByLabel('行业').selectOption({ label: '服务业' });
  await desk.getByLabel('商户类型').fill(kind);
  await desk.getByLabel('原因').fill('密闭空间、人员聚集');
  await desk.getByRole('button', { name: '加入清单' }).click();
  await desk.getByText('已加入负面清单').waitFor();
  await list.getByRole('cell', { name: kind }).waitFor();
  await desk.getByRole('table', { name: '修改记录' }).getByRole('cell', { name: new RegExp(kind) }).waitFor();
  await shot(desk, '14-negative-list');
  await list.getByRole('row').filter({ hasText: kind }).getByRole('button', { name: '移出' }).click();
  await desk.getByText('已移出负面清单').waitFor();
  assert.equal(await list.getByRole('cell', { name: kind }).count(), 0);

  await open.getByRole('row').filter({ hasText: '渝味老火锅' }).getByRole('button', { name: '查看档案' }).click();
  await desk.getByRole('heading', { name: '渝味老火锅（高新区店）' }).waitFor();
  const [board] = await Promise.all([desk.waitForEvent('download'),
    desk.getByRole('button', { name: '打印防疫公示表' }).click()]);
  const pdf = Buffer.concat(await (await board.createReadStream()).toArray());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.match(board.suggestedFilename(), /防疫公示表.*\.pdf$/);
  assert.deepEqual(deskErrors, []);
});

test('a manager records a disinfection round and downloads today\'s ledger as XLSX and PDF', async () => {
  const { desk, deskErrors } = await signInByQr(chromium, 'demo-manager');
  await desk.getByRole('link', { name: '企业', exact: true }).click();
  await desk.getByRole('cell', { name: '瑞润电子有限公司' }).click();
  await desk.getByRole('heading', { name: '每日台账' }).waitFor();
  const area = `一号车间 ${Date.now() % 10000}`;
  await desk.getByLabel('消杀区域').fill(area);
  await desk.getByLabel('执行人').fill('孙小七');
  await desk.getByRole('button', { name: '记录消杀通风' }).click();
  await desk.getByText('已记录').waitFor();
  const round = desk.getByRole('table', { name: '消杀通风记录' }).getByRole('row').filter({ hasText: area });
  await round.waitFor();
  assert.match(await round.innerText(), /消毒[\s\S]*孙\*七/);
  await round.scrollIntoViewIfNeeded();
  await shot(desk, '15-ledger-manager');

  for (const [label, magic, extension] of [['下载台账（XLSX）', 'PK', 'xlsx'], ['下载台账（PDF）', '%PDF-', 'pdf']]) {
    const [file] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('button', { name: label }).click()]);
    const bytes = Buffer.concat(await (await file.createReadStream()).toArray());
    assert.equal(bytes.subarray(0, magic.length).toString(), magic);
    assert.match(file.suggestedFilename(), new RegExp(`每日台账.*\\.${extension}$`));
  }
  assert.deepEqual(deskErrors, []);
});

const LIANGSHAN_CHECKPOINT = '00000000-0000-7000-8000-000000200101'; // 两山秀苑 · 北门卡点

test('a grid official prints 两山秀苑\'s checkpoint poster; a resident at 37.5 ℃ is turned away and listed as a newcomer', async () => {
  const { desk, deskErrors } = await signInByQr(chromium, 'demo-grid-official');
  await desk.getByRole('link', { name: '网格小区' }).click();
  await desk.getByRole('cell', { name: '两山秀苑' }).waitFor();
  const checkpoint = desk.getByRole('row').filter({ hasText: '北门卡点' });
  await checkpoint.waitFor();
  const [download] = await Promise.all([desk.waitForEvent('download'),
    checkpoint.getByRole('button', { name: '下载海报' }).click()]);
  const pdf = Buffer.from(await (await download.createReadStream()).toArray().then((parts) => Buffer.concat(parts)));
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');

  // A resident scans the checkpoint's code with a fever: turned away.
  const phoneNumber = randomPhone();
  const resident = await employeeOnPhone(phoneNumber);
  await resident.page.getByLabel('或粘贴二维码内容')
    .fill(await placeCode(LIANGSHAN_CHECKPOINT, await consoleToken('demo-grid-official')));
  await resident.page.getByLabel(/体温/).fill('37.5');
  await resident.page.getByRole('button', { name: '提交' }).click();
  await resident.page.getByText('禁止进入').waitFor();

  // The grid official sees it among today's entries, as a newcomer (增量), turned away.
  await desk.reload();
  await desk.getByRole('link', { name: '网格小区' }).click();
  const masked = `${phoneNumber.slice(0, 3)}****${phoneNumber.slice(-4)}`;
  const row = desk.getByRole('row').filter({ hasText: masked });
  await row.waitFor();
  assert.match(await row.innerText(), /增量[\s\S]*劝返/);
  await shot(desk, '16-communities');

  // A new community of the grid and its first checkpoint.
  const name = `新建小区${String(Math.floor(Math.random() * 1e4))}`;
  const form = desk.getByRole('form', { name: '登记小区' });
  await form.getByLabel('小区名称').fill(name);
  await form.getByLabel('地址').fill('高新区创新大道 88 号');
  await form.getByRole('button', { name: '登记小区' }).click();
  await desk.getByRole('heading', { name: `${name} · 卡点` }).waitFor();
  const add = desk.getByRole('form', { name: '新增卡点' });
  await add.getByLabel('卡点名称').fill('南门卡点');
  await add.getByRole('button', { name: '新增卡点' }).click();
  await desk.getByRole('row').filter({ hasText: '南门卡点' }).getByRole('button', { name: '下载海报' }).waitFor();
  assert.deepEqual(deskErrors, []);
  assert.deepEqual(resident.errors, []);
});

test('an official warns the contacts of a confirmed case: one WeChat message each, naming nothing of the case', async () => {
  const manager = await consoleToken('demo-manager');
  const code = await placeCode(RUIRUN_EAST_GATE, manager);
  const phones = [randomPhone(), randomPhone()];
  const employees = [];
  for (const phoneNumber of phones) {
    const employee = await employeeOnPhone(phoneNumber);
    await employee.page.getByLabel('或粘贴二维码内容').fill(code);
    await employee.page.getByLabel(/体温/).fill('36.5');
    await employee.page.getByRole('button', { name: '提交' }).click();
    await employee.page.locator('.result').waitFor();
    employees.push(employee);
  }
  // The contact granted the warning's subscription; the first is a returnee who tests positive.
  await json('/__fake/wechat/subscriptions', { method: 'POST',
    body: { openid: employees[1].openid, templateId: 'local-contact-warning', count: 3 } });
  const returnee = await json('/api/v1/returnees', { method: 'POST', headers: { Authorization: `Bearer ${manager}` },
    body: { phone: phones[0], name: '钱七', enterpriseId: RUIRUN, originRegion: '420102', transport: 'TRAIN',
      departedAt: new Date(Date.now() - 5 * 86400e3).toISOString(),
      arrivedAt: new Date(Date.now() - 4 * 86400e3).toISOString(), travel: [] } });
  await json(`/api/v1/returnees/${returnee.id}/tests`, { method: 'POST', headers: { Authorization: `Bearer ${manager}` },
    body: { takenAt: new Date(Date.now() - 600e3).toISOString(), result: 'POSITIVE' } });

  const { desk, deskErrors } = await signInByQr(chromium, 'demo-official');
  desk.on('dialog', (dialog) => dialog.accept());
  await desk.getByRole('link', { name: '轨迹查询' }).click();
  const lookup = desk.getByRole('form', { name: '轨迹查询' });
  await lookup.getByLabel('手机号').fill(phones[0]);
  await lookup.getByLabel('查询用途').selectOption({ label: '流行病学调查' });
  await lookup.getByRole('button', { name: '查询' }).click();
  await desk.getByRole('button', { name: '筛查此人的密切接触者' }).click();
  const contacts = desk.locator('section.card').filter({ hasText: '密接排查结果' });
  await contacts.getByText(`${phones[1].slice(0, 3)}****${phones[1].slice(-4)}`).waitFor();
  await contacts.getByRole('button', { name: '通知密接人员' }).click();
  await contacts.getByText(/已通知 \d+ 人/).waitFor();
  await shot(desk, '17-trajectory-warned');
  // Clicked again: nobody is warned twice.
  await contacts.getByRole('button', { name: '通知密接人员' }).click();
  await contacts.getByText(/已通知 0 人，另有 \d+ 人此前已通知/).waitFor();

  const messages = await json(`/__fake/wechat/messages?openid=${encodeURIComponent(employees[1].openid)}`);
  const warnings = messages.filter((message) => message.template_id === 'local-contact-warning');
  assert.equal(warnings.length, 1);
  const text = JSON.stringify(warnings[0]);
  assert.match(text, /居家/);
  for (const secret of ['钱', phones[0], phones[0].slice(-4), '东门', '瑞润']) assert.ok(!text.includes(secret), secret);
  assert.deepEqual(deskErrors, []);
});
