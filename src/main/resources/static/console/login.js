// The console side of QR sign-in (docs/identity.md). The stream is read with fetch, not
// EventSource, because the ticket's secret travels in a header, never in a URL.
import { session } from './lib/session.js';

const api = '/api/v1/auth/qr-login';
const statusLine = document.getElementById('status');
const again = document.getElementById('again');
again.addEventListener('click', start);

async function start() {
  again.hidden = true;
  const created = await fetch(api, { method: 'POST' });
  if (!created.ok) { statusLine.textContent = '无法生成二维码，请稍后重试'; again.hidden = false; return; }
  const ticket = await created.json();
  document.getElementById('qr').src = `${api}/${encodeURIComponent(ticket.ticket)}/qrcode.png?size=320`;
  document.body.dataset.qrContent = ticket.qrContent;
  statusLine.textContent = '请用微信扫码';
  const stream = await fetch(`${api}/${encodeURIComponent(ticket.ticket)}/events`,
    { headers: { 'X-Ticket-Secret': ticket.secret, Accept: 'text/event-stream' } });
  const reader = stream.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      handle(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
}

function handle(block) {
  let event = null;
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trim();
  }
  if (event === 'scanned') statusLine.textContent = '已扫码，请在手机上确认登录';
  else if (event === 'confirmed') {
    session.clear();
    session.store(JSON.parse(data));
    statusLine.textContent = '登录成功，正在进入…';
    document.body.dataset.signedIn = 'true';
    location.replace('/console/');
  } else if (event === 'cancelled') { statusLine.textContent = '已在手机上取消登录'; again.hidden = false; }
  else if (event === 'expired') { statusLine.textContent = '二维码已过期，请刷新'; again.hidden = false; }
}

start();
