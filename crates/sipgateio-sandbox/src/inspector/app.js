// The sandbox inspector: renders the live feed (server-sent events from
// /sandbox/inspector/events) and drives the dialpad. Plain DOM, no framework; every value from
// the feed is set as text, never as HTML.
'use strict';

(() => {
  const MAX_ROWS = 500;
  const API = '/sandbox/inspector';
  const $ = (selector) => document.querySelector(selector);

  const dial = { callId: null, phase: 'idle', typed: '', placing: false, early: [] };
  let instance = null;

  // ---- small DOM helpers -------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function clock(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    const pad = (n, width) => String(n).padStart(width || 2, '0');
    return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
  }

  function badge(text, kind) {
    return el('span', { class: `badge ${kind || ''}`, text });
  }

  function statusKind(status) {
    if (status === null || status === undefined) return 'bad';
    if (status >= 500) return 'bad';
    if (status >= 400) return 'warn';
    return 'good';
  }

  function short(id) {
    return id && id.length > 10 ? `${id.slice(0, 8)}…` : id || '';
  }

  function rows(name) {
    return document.querySelector(`[data-rows="${name}"]`);
  }

  function setCount(name) {
    const container = rows(name);
    const count = container.querySelectorAll(':scope > [data-item]').length;
    document.querySelector(`[data-count="${name}"]`).textContent = String(count);
    const empty = container.querySelector(':scope > .empty');
    if (empty) empty.hidden = count > 0;
  }

  // Newest first, at most MAX_ROWS.
  function prepend(name, node) {
    const container = rows(name);
    node.setAttribute('data-item', '');
    const empty = container.querySelector(':scope > .empty');
    if (empty) empty.after(node);
    else container.prepend(node);
    const items = container.querySelectorAll(':scope > [data-item]');
    for (let i = MAX_ROWS; i < items.length; i += 1) items[i].remove();
    setCount(name);
  }

  function row(cells) {
    return el('tr', null, ...cells.map((cell) => (cell instanceof Node && cell.tagName === 'TD' ? cell : el('td', null, cell))));
  }

  function mono(text) {
    return el('code', { text });
  }

  function clearAll() {
    for (const name of ['calls', 'webhooks', 'sms', 'faxes', 'codes', 'oauth', 'requests']) {
      rows(name).querySelectorAll(':scope > [data-item]').forEach((node) => node.remove());
      setCount(name);
    }
    resetDialpad();
  }

  // ---- the feed ----------------------------------------------------------------------------

  const handlers = {
    hello(event) {
      if (instance !== null && instance !== event.instance) clearAll();
      instance = event.instance;
    },

    request(event) {
      prepend('requests', row([
        clock(event.time),
        el('span', { class: 'method', text: event.method }),
        el('td', { class: 'path' }, mono(event.path)),
        badge(String(event.status), statusKind(event.status)),
        el('td', { class: 'num', text: String(event.millis) }),
      ]));
      if (event.method === 'PUT' && event.path.startsWith('/v2/settings/sipgateio') && event.status < 300) loadAccount();
    },

    sms(event) {
      prepend('sms', row([
        clock(event.time),
        el('td', null, event.sender || '(no sender)', ' ', el('span', { class: 'muted', text: `via ${event.smsId}` })),
        event.recipient,
        el('td', { class: 'message', text: event.message }),
        event.sendAt ? clock(event.sendAt) : '—',
      ]));
    },

    fax(event) {
      const tr = row([
        clock(event.time),
        event.faxlineId,
        event.recipient,
        el('td', null, el('a', { href: event.pdfUrl, target: '_blank', rel: 'noopener', text: event.filename || 'fax.pdf' })),
        el('td', { class: 'num', text: `${Math.max(1, Math.round(event.bytes / 1024))} KiB` }),
        el('td', { class: 'fax-status' }, faxBadge(event.status)),
      ]);
      tr.setAttribute('data-session', event.sessionId);
      prepend('faxes', tr);
    },

    faxStatus(event) {
      for (const tr of rows('faxes').querySelectorAll('[data-session]')) {
        if (tr.getAttribute('data-session') === event.sessionId) {
          tr.querySelector('.fax-status').replaceChildren(faxBadge(event.status));
        }
      }
    },

    call(event) {
      const flags = [];
      if (event.muted) flags.push('muted');
      if (event.hold) flags.push('on hold');
      if (event.recording) flags.push('recording');
      if (event.transferredTo) flags.push(`transferred to ${event.transferredTo[0]}${event.transferredTo[1] ? ' (attended)' : ''}`);
      if (event.dtmf.length) flags.push(`DTMF ${event.dtmf.join(' ')}`);
      if (event.announcements.length) flags.push(`${event.announcements.length} announcement(s)`);
      const state = event.state === 'ended' ? badge(`ended: ${event.cause}`, 'neutral') : badge('established', 'good');
      const tr = row([
        clock(event.time),
        el('td', { title: event.callId }, mono(short(event.callId))),
        event.ownNumber,
        event.remoteNumber,
        state,
        flags.join(', ') || '—',
      ]);
      tr.setAttribute('data-call', event.callId);
      for (const old of rows('calls').querySelectorAll('[data-call]')) {
        if (old.getAttribute('data-call') === event.callId) old.remove();
      }
      prepend('calls', tr);
    },

    webhook(event) {
      prepend('webhooks', pushEntry(event));
      forDialpad(event.callId, () => {
        // The newest exchange open, the earlier ones folded.
        for (const open of document.querySelectorAll('#dial-transcript details[open]')) open.open = false;
        const entry = pushEntry(event, true);
        entry.querySelector('details').open = true;
        addToTranscript(entry);
      });
    },

    callEnded(event) {
      const t = event.transcript;
      const summary = endSummary(t);
      prepend('webhooks', el('div', { class: 'push ended' },
        el('span', { class: 'time', text: clock(event.time) }),
        badge('call ended', 'neutral'),
        el('code', { class: 'call', title: t.callId, text: short(t.callId) }),
        el('span', { text: summary })));
      forDialpad(t.callId, () => addToTranscript(el('li', { class: 'ended', text: `Call ended: ${summary}` })));
    },

    verificationCode(event) {
      prepend('codes', row([clock(event.time), event.smsId, event.phonenumber, el('td', { class: 'code', text: event.code })]));
    },

    dialpad(event) {
      forDialpad(event.callId, () => showPhase(event));
    },

    // The login server: a code exchanged (sign-in), a refresh, or a refused token request.
    oauth(event) {
      const what = { signIn: 'sign-in', refresh: 'refresh', refused: 'refused' }[event.action] || event.action;
      const known = (value) => (value === null || value === undefined || value === '' ? '—' : String(value));
      prepend('oauth', row([
        clock(event.time),
        badge(what, event.action === 'refused' ? 'bad' : 'good'),
        known(event.grantType),
        known(event.user),
        known(event.session),
        el('td', { class: event.error ? 'error' : null, text: event.error || event.scope || '(no scope)' }),
      ]));
    },

    reset() {
      clearAll();
      loadAccount();
    },
  };

  // Runs `show` for an event of the dialpad's call. The feed may bring a call's first events
  // before the request that placed it has answered with its id: those wait for it.
  function forDialpad(callId, show) {
    if (callId === dial.callId) show();
    else if (dial.placing && dial.early.length < 100) dial.early.push({ callId, show });
  }

  function faxBadge(status) {
    const kind = { SENT: 'good', FAILED: 'bad', PENDING: 'neutral', SENDING: 'warn' }[status] || 'neutral';
    return badge(status, kind);
  }

  function endSummary(t) {
    const parts = [t.hangupCause || 'ended'];
    if (t.answeredBy) parts.push(`answered by ${t.answeredBy}`);
    if (t.voicemail) parts.push('voicemail');
    if (t.rejected) parts.push(`rejected (${t.rejected})`);
    if (!t.pushed) parts.push('no webhooks pushed (sipgate.io not booked or line not whitelisted)');
    return parts.join(', ');
  }

  function pushEntry(event, compact) {
    const status = event.status === null ? badge('no answer', 'bad') : badge(String(event.status), statusKind(event.status));
    const fields = el('dl', { class: 'form' });
    for (const [key, value] of event.form) {
      fields.append(el('dt', { text: key }), el('dd', { text: value === '' ? '""' : value }));
    }
    const answer = el('div', { class: 'answer' },
      el('h4', { text: `Answer${event.contentType ? ` (${event.contentType})` : ''}` }),
      el('pre', { class: 'xml', text: event.response || '(empty)' }));
    if (event.error) answer.append(el('p', { class: 'error', text: event.error }));
    for (const warning of event.warnings) answer.append(el('p', { class: 'warning', text: warning }));
    const summary = el('summary', null,
      el('span', { class: 'time', text: clock(event.time) }),
      badge(event.event, 'event'),
      compact ? null : el('code', { class: 'call', title: event.callId, text: short(event.callId) }),
      status,
      el('span', { class: 'url', text: event.url }));
    const details = el('details', { class: `push${event.error ? ' failed' : ''}` }, summary,
      el('div', { class: 'push-body' }, el('div', null, el('h4', { text: 'Form sent' }), fields), answer));
    if (compact) return el('li', null, details);
    return details;
  }

  function connect() {
    const source = new EventSource(`${API}/events`);
    source.onopen = () => {
      $('#live-dot').className = 'dot on';
      $('#live-text').textContent = 'live';
    };
    source.onerror = () => {
      $('#live-dot').className = 'dot off';
      $('#live-text').textContent = 'reconnecting…';
    };
    source.onmessage = (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch (error) {
        return;
      }
      const handler = handlers[event.type];
      if (handler) handler(event);
    };
  }

  // ---- account -------------------------------------------------------------------------------

  async function loadAccount() {
    try {
      const response = await fetch(`${API}/account`);
      if (!response.ok) return;
      const account = await response.json();
      $('#base-url').textContent = `${window.location.origin}/v2`;
      $('#token-id').textContent = account.tokenId;
      const select = $('#dial-to');
      const chosen = select.value;
      select.replaceChildren(...account.numbers.map((n) => el('option', { value: n.number, text: `${n.number} · ${n.endpointId} ${n.endpointAlias}` })));
      if (chosen) select.value = chosen;
      $('#dial-url').placeholder = account.incomingUrl
        ? `account's incoming URL: ${account.incomingUrl}`
        : 'your app, e.g. http://127.0.0.1:3000/';
    } catch (error) {
      // The feed's status shows a sandbox that is gone.
    }
  }

  // ---- dialpad -------------------------------------------------------------------------------

  async function post(path, body) {
    const response = await fetch(`${API}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body || {}),
    });
    let json = null;
    if (response.status !== 204) {
      try {
        json = await response.json();
      } catch (error) {
        json = null;
      }
    }
    const detail = json && json.errors && json.errors[0] ? json.errors[0].detail : `HTTP ${response.status}`;
    return { ok: response.ok, status: response.status, json, detail };
  }

  function setStatus(phase, text) {
    dial.phase = phase;
    const status = $('#dial-status');
    status.setAttribute('data-phase', phase);
    status.textContent = text;
    $('#keypad').classList.toggle('armed', phase === 'gather');
    const inCall = dial.callId !== null && !['ended', 'failed', 'idle'].includes(phase);
    $('#dial-hangup').disabled = !inCall;
    $('#dial-timeout').disabled = phase !== 'gather';
    $('#dial-call').disabled = inCall;
  }

  function setTyped(text) {
    dial.typed = text;
    $('#dial-typed').textContent = text;
  }

  function resetDialpad() {
    dial.callId = null;
    setTyped('');
    $('#dial-transcript').replaceChildren(el('li', { class: 'empty', text: 'Place a call to see what your app answers.' }));
    setStatus('idle', 'No call');
  }

  function addToTranscript(node) {
    const list = $('#dial-transcript');
    const empty = list.querySelector('.empty');
    if (empty) empty.remove();
    list.append(node);
  }

  function showPhase(event) {
    const phase = event.phase;
    switch (phase.phase) {
      case 'calling':
        setStatus('calling', `Calling ${phase.to} from ${phase.from}: newCall → ${phase.url}`);
        break;
      case 'gather':
        setTyped('');
        setStatus('gather', `<Gather> waits: type up to ${phase.maxDigits} digit(s); ${phase.timeoutMs} ms after a key it ends`);
        break;
      case 'waiting':
        setStatus('waiting', 'Waiting for your app…');
        break;
      case 'talking':
        setStatus('talking', 'Connected: hang up when done');
        break;
      case 'ended':
        setStatus('ended', 'Call ended');
        break;
      case 'failed':
        setStatus('failed', `Call failed: ${phase.error}`);
        break;
      default:
        break;
    }
  }

  async function placeCall(submit) {
    submit.preventDefault();
    const body = { from: $('#dial-from').value, to: $('#dial-to').value };
    const url = $('#dial-url').value.trim();
    if (url) body.webhookUrl = url;
    resetDialpad();
    setStatus('calling', 'Calling…');
    dial.placing = true;
    dial.early = [];
    let result;
    try {
      result = await post('/calls', body);
    } finally {
      dial.placing = false;
    }
    if (!result.ok) {
      setStatus('failed', `Cannot call: ${result.detail}`);
      return;
    }
    dial.callId = result.json.callId;
    setStatus('calling', `Calling ${body.to}…`);
    for (const early of dial.early.splice(0)) {
      if (early.callId === dial.callId) early.show();
    }
  }

  async function press(key) {
    if (dial.callId === null) {
      setStatus(dial.phase, 'Place a call first');
      return;
    }
    if (dial.phase !== 'gather') {
      flash(`Key ${key} goes nowhere: no <Gather> waits`);
      return;
    }
    setTyped(dial.typed + key);
    const result = await post(`/calls/${encodeURIComponent(dial.callId)}/digits`, { digits: key });
    if (!result.ok) flash(`Key ${key}: ${result.detail}`);
  }

  function flash(text) {
    addToTranscript(el('li', { class: 'note', text }));
  }

  async function hangUp() {
    if (dial.callId === null) return;
    const result = await post(`/calls/${encodeURIComponent(dial.callId)}/hangup`);
    if (!result.ok && result.status !== 404) flash(`Hang up: ${result.detail}`);
  }

  async function timeOut() {
    if (dial.callId === null) return;
    const result = await post(`/calls/${encodeURIComponent(dial.callId)}/no-input`);
    if (!result.ok) flash(`No input: ${result.detail}`);
  }

  async function resetAccount() {
    const result = await post('/reset');
    if (!result.ok) window.alert(`Reset failed: ${result.detail}`);
  }

  function wire() {
    $('#dial-form').addEventListener('submit', placeCall);
    for (const button of document.querySelectorAll('#keypad [data-key]')) {
      button.addEventListener('click', () => press(button.getAttribute('data-key')));
    }
    $('#dial-hangup').addEventListener('click', hangUp);
    $('#dial-timeout').addEventListener('click', timeOut);
    $('#reset').addEventListener('click', resetAccount);
    document.addEventListener('keydown', (key) => {
      const target = key.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) return;
      if (/^[0-9*#]$/.test(key.key) && dial.phase === 'gather') press(key.key);
    });
    resetDialpad();
    loadAccount();
    connect();
  }

  wire();
})();
