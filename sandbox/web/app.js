/* Hamyar sandbox web chat: a Telegram-like client of the stand-in Bot API's /control API.
 *
 * Plain JS, no build step, talks only to its own origin. Every piece of text that comes from
 * the bot or a person is put in the page with textContent / DOM nodes, never as HTML.
 */
'use strict';

const ROLE_LABEL = { seller: 'فروشنده', buyer: 'خریدار', trainer: 'مربی' };
const COLORS = ['#e17076', '#7bc862', '#65aadd', '#a695e7', '#ee7aae', '#6ec9cb', '#faa774'];
const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const LS = {
  person: 'hamyar.person',
  chat: (uid) => `hamyar.chat.${uid}`,
  read: (uid) => `hamyar.read.${uid}`,
};

const S = {
  state: null,       // GET /control/state
  me: null,          // current person's user id
  chatId: null,      // open chat
  records: [],       // its transcript
  seq: 0,            // last seen change of /control/updates-since
  nodes: new Map(),  // item key -> {sig, node}
  pending: new Map(),// callback query id -> pressed button element
  kbHidden: false,
  forceBottom: false,
  samples: null,
};

const $ = (id) => document.getElementById(id);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const toFa = (s) => String(s).replace(/\d/g, (d) => FA_DIGITS[d]);
const toLatin = (s) => String(s).replace(/[۰-۹]/g, (d) => FA_DIGITS.indexOf(d)).replace(/[٠-٩]/g, (d) => d.charCodeAt(0) - 0x660);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

// ---------------------------------------------------------------- API

async function call(method, path, body, isForm) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    if (isForm) opts.body = body;
    else { opts.body = JSON.stringify(body); opts.headers['Content-Type'] = 'application/json'; }
  }
  const resp = await fetch(path, opts);
  const data = await resp.json().catch(() => ({}));
  if (!resp.ok || data.ok === false) throw new Error(data.description || `HTTP ${resp.status}`);
  return data.result !== undefined && data.ok !== undefined ? data.result : data;
}
const api = {
  get: (p) => call('GET', p),
  post: (p, b) => call('POST', p, b),
  form: (p, fd) => call('POST', p, fd, true),
};

// ---------------------------------------------------------------- state helpers

const user = (id) => S.state?.users.find((u) => u.user.id === id);
const chatInfo = (id) => S.state?.chats.find((c) => c.chat.id === id);
const botName = () => S.state?.bot.first_name || 'ربات';
const botUsername = () => (S.state?.bot.username || '').toLowerCase();
const fullName = (u) => [u.first_name, u.last_name].filter(Boolean).join(' ');

function myChats() {
  if (!S.me) return [];
  const list = [];
  const priv = chatInfo(S.me);
  list.push({ id: S.me, type: 'private', title: botName(), info: priv });
  for (const c of S.state.chats) {
    const t = c.chat.type;
    if ((t === 'group' || t === 'supergroup') && (c.members.includes(S.me) || c.admins.includes(S.me))) {
      list.push({ id: c.chat.id, type: t, title: c.chat.title, info: c });
    }
  }
  for (const c of S.state.chats) if (c.chat.type === 'channel') list.push({ id: c.chat.id, type: 'channel', title: c.chat.title, info: c });
  return list;
}

function readMarks() {
  try { return JSON.parse(localStorage.getItem(LS.read(S.me)) || '{}'); } catch { return {}; }
}
function markRead(chatId, mid) {
  const marks = readMarks();
  if ((marks[chatId] || 0) < mid) { marks[chatId] = mid; localStorage.setItem(LS.read(S.me), JSON.stringify(marks)); }
}

function avatar(name, id, cls) {
  const letter = (name || '?').trim().charAt(0) || '?';
  return el('div', { class: `avatar ${cls || ''}`, style: `background:${COLORS[Math.abs(id || 0) % COLORS.length]}`, text: letter });
}

// ---------------------------------------------------------------- sidebar

function preview(m) {
  if (!m) return '';
  if (m.text) return m.text;
  if (m.photo) return `🖼️ ${m.caption || 'عکس'}`;
  if (m.voice) return '🎤 پیام صوتی';
  if (m.audio) return '🎵 فایل صوتی';
  if (m.document) return `📄 ${m.document.file_name || 'فایل'}`;
  if (m.contact) return '📞 شماره تماس';
  if (m.location) return '📍 مکان';
  if (m.sticker) return m.sticker.emoji || 'استیکر';
  if (m.new_chat_members) return 'عضو تازه';
  return m.caption || 'پیام';
}

function renderSidebar() {
  const me = user(S.me);
  const card = $('me-card');
  card.replaceChildren();
  if (me) {
    card.append(avatar(me.user.first_name, me.user.id),
      el('div', { class: 'me-text' },
        el('b', { text: fullName(me.user) }),
        el('small', { text: [ROLE_LABEL[me.role] || 'بدون نقش', me.phone_number ? toFa('0' + me.phone_number.replace(/^98/, '')) : ''].filter(Boolean).join(' · ') })));
  } else {
    card.append(el('div', { class: 'me-text' }, el('b', { text: 'هنوز کسی انتخاب نشده' }), el('small', { text: 'از فهرست افراد یکی را بزنید' })));
  }

  const list = $('chat-list');
  list.replaceChildren();
  const marks = readMarks();
  let marksChanged = false;
  for (const c of myChats()) {
    const last = c.info?.last;
    const recent = c.info?.recent || [];
    if (marks[c.id] === undefined) { marks[c.id] = recent.length ? recent[recent.length - 1][0] : 0; marksChanged = true; }
    const unread = c.id === S.chatId ? 0 : recent.filter(([mid, sender]) => mid > marks[c.id] && sender !== S.me).length;
    const kind = c.type === 'private' ? 'ربات' : c.type === 'channel' ? 'کانال' : 'گروه';
    let who = '';
    if (last && c.type !== 'private' && c.type !== 'channel' && !last.from_bot) {
      const u = user(last.sender_id);
      if (u) who = last.sender_id === S.me ? 'شما: ' : `${u.user.first_name}: `;
    } else if (last && c.type === 'private' && last.sender_id === S.me) who = 'شما: ';
    const item = el('li', { class: `item${c.id === S.chatId ? ' active' : ''}`, dataset: { chat: c.id }, onclick: () => openChat(c.id) },
      avatar(c.title, c.id),
      el('div', { class: 'item-main' },
        el('div', { class: 'item-row' },
          el('b', { class: 'item-title', text: c.title }),
          el('span', { class: 'item-time', text: last ? timeOf(last.message.date) : '' })),
        el('div', { class: 'item-row' },
          el('span', { class: 'item-sub', text: last ? `${who}\u2068${preview(last.message)}\u2069` : kind }),
          unread ? el('span', { class: 'badge', text: toFa(unread) }) : null)));
    list.append(item);
  }
  if (marksChanged) localStorage.setItem(LS.read(S.me), JSON.stringify(marks));

  const people = $('people-list');
  people.replaceChildren();
  for (const u of S.state.users) {
    people.append(el('li', { class: `item small${u.user.id === S.me ? ' active' : ''}`, dataset: { person: u.user.id }, onclick: () => selectPerson(u.user.id) },
      avatar(u.user.first_name, u.user.id, 'sm'),
      el('div', { class: 'item-main' },
        el('b', { class: 'item-title', text: fullName(u.user) }),
        u.role ? el('span', { class: `role role-${u.role}`, text: ROLE_LABEL[u.role] }) : null)));
  }
  if (!S.state.users.length) people.append(el('li', { class: 'none', text: 'هنوز کسی نیست.' }));
}

// ---------------------------------------------------------------- chat header and bottom

function currentChat() { return myChats().find((c) => c.id === S.chatId); }

function renderHeader() {
  const c = currentChat();
  const head = $('chat-head');
  head.hidden = !c;
  if (!c) return;
  $('chat-avatar').replaceWith(Object.assign(avatar(c.title, c.id), { id: 'chat-avatar' }));
  $('chat-title').textContent = c.title;
  let sub = '';
  if (c.type === 'private') sub = `ربات · @${S.state.bot.username}`;
  else if (c.type === 'channel') sub = `کانال${c.info.chat.username ? ' · @' + c.info.chat.username : ''}`;
  else sub = `${toFa(new Set([...c.info.members, ...c.info.admins]).size + 1)} عضو`;
  $('chat-sub').textContent = sub;
}

function currentKeyboard() {
  for (let i = S.records.length - 1; i >= 0; i--) {
    const r = S.records[i];
    if (!r.from_bot || !r.keyboard || r.keyboard.force_reply) continue;
    if (!r.keyboard.keyboard) return null;
    if (r.keyboard.one_time_keyboard && S.records.slice(i + 1).some((x) => x.sender_id === S.me)) return null;
    return r;
  }
  return null;
}

function renderBottom() {
  const c = currentChat();
  const isChannel = c?.type === 'channel';
  const notStarted = c?.type === 'private' && S.records.length === 0;
  $('bottom').hidden = !c;
  $('readonly').hidden = !isChannel;
  $('start-btn').hidden = !notStarted;
  $('composer').hidden = !c || isChannel || notStarted;
  const kbRec = c && !isChannel ? currentKeyboard() : null;
  const kb = $('reply-kb');
  kb.replaceChildren();
  $('kb-toggle').hidden = !kbRec;
  $('input').placeholder = kbRec?.keyboard.input_field_placeholder || 'پیام…';
  kb.hidden = !kbRec || S.kbHidden || notStarted;
  if (!kbRec) return;
  for (const row of kbRec.keyboard.keyboard) {
    const rowEl = el('div', { class: 'kb-row' });
    for (const raw of row) {
      const b = typeof raw === 'string' ? { text: raw } : raw;
      const icon = b.request_contact ? '📞 ' : b.request_location ? '📍 ' : '';
      rowEl.append(el('button', { type: 'button', class: 'kb-btn', dir: 'auto', text: icon + b.text, onclick: () => pressReply(kbRec, b) }));
    }
    kb.append(rowEl);
  }
}

// ---------------------------------------------------------------- text with entities

const LINK_RE = /(https?:\/\/[^\s<>"']+|(?:^|(?<=\s))t\.me\/[A-Za-z0-9_]+(?:\/\d+)?(?:\?[^\s<>"']*)?)/g;

function appendPlain(parent, text, linkify) {
  if (!linkify) { parent.append(text); return; }
  let pos = 0;
  for (const m of text.matchAll(LINK_RE)) {
    if (m.index > pos) parent.append(text.slice(pos, m.index));
    parent.append(linkNode(m[0], m[0]));
    pos = m.index + m[0].length;
  }
  if (pos < text.length) parent.append(text.slice(pos));
}

function safeUrl(url) {
  const u = String(url || '').trim();
  if (/^t\.me\//i.test(u)) return 'https://' + u;
  return /^(https?:|tg:|mailto:|tel:)/i.test(u) ? u : null;
}

function linkNode(url, text) {
  const href = safeUrl(url);
  if (!href) return el('span', { text });
  return el('a', { href, dir: 'auto', rel: 'noopener noreferrer', onclick: (e) => { e.preventDefault(); openLink(href); } }, text);
}

function entityNode(e, text) {
  switch (e.type) {
    case 'bold': return el('b');
    case 'italic': return el('i');
    case 'underline': return el('u');
    case 'strikethrough': return el('s');
    case 'code': return el('code');
    case 'pre': return el('pre', { dir: 'ltr' });
    case 'spoiler': return el('span', { class: 'spoiler', onclick: (ev) => ev.currentTarget.classList.add('shown') });
    case 'blockquote': case 'expandable_blockquote': return el('blockquote');
    case 'text_link': return linkNode(e.url, '');
    case 'url': return linkNode(text, '');
    case 'email': return linkNode('mailto:' + text, '');
    case 'bot_command': return el('a', { href: '#', class: 'cmd', onclick: (ev) => { ev.preventDefault(); sendText(text.replace(/@\w+$/, '')); } });
    case 'mention':
      if (text.slice(1).toLowerCase() === botUsername()) return el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); openChat(S.me); } });
      return el('span', { class: 'mention' });
    case 'hashtag': case 'cashtag': return el('span', { class: 'hashtag' });
    default: return el('span');
  }
}

function renderText(text, entities) {
  const box = el('div', { class: 'text', dir: 'auto' });
  const ents = (entities || []).filter((e) => e.length > 0 && e.offset >= 0 && e.offset + e.length <= text.length)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  const build = (parent, start, end, list, linkify) => {
    let pos = start;
    let i = 0;
    while (i < list.length) {
      const e = list[i];
      const eEnd = e.offset + e.length;
      let j = i + 1;
      const inner = [];
      while (j < list.length && list[j].offset < eEnd) { if (list[j].offset + list[j].length <= eEnd) inner.push(list[j]); j++; }
      if (e.offset >= pos) {
        if (e.offset > pos) appendPlain(parent, text.slice(pos, e.offset), linkify);
        const node = entityNode(e, text.slice(e.offset, eEnd));
        const inLink = node.tagName === 'A' || ['code', 'pre'].includes(e.type);
        build(node, e.offset, eEnd, inner, linkify && !inLink);
        parent.append(node);
        pos = eEnd;
      }
      i = j;
    }
    if (pos < end) appendPlain(parent, text.slice(pos, end), linkify);
  };
  build(box, 0, text.length, ents, true);
  return box;
}

// ---------------------------------------------------------------- messages

function timeOf(date) {
  return new Date(date * 1000).toLocaleTimeString('fa-IR', { hour: '2-digit', minute: '2-digit' });
}
function dayOf(date) {
  return new Date(date * 1000).toLocaleDateString('fa-IR', { weekday: 'long', day: 'numeric', month: 'long' });
}
const fileUrl = (fileId) => `/control/files/${encodeURIComponent(fileId)}`;
const largest = (sizes) => sizes.reduce((a, b) => ((b.width || 0) * (b.height || 0) >= (a.width || 0) * (a.height || 0) ? b : a));

function groupItems(records) {
  const items = [];
  for (const r of records) {
    const g = r.message.media_group_id;
    const prev = items[items.length - 1];
    if (g && prev && prev.group === g && prev.records[0].sender_id === r.sender_id) prev.records.push(r);
    else items.push({ group: g, records: [r] });
  }
  return items;
}

function senderName(rec) {
  const m = rec.message;
  if (m.sender_chat) return m.sender_chat.title;
  if (m.from) return fullName(m.from);
  return '';
}

function serviceText(m) {
  if (m.new_chat_members) return `${m.new_chat_members.map(fullName).join('، ')} به گروه پیوست`;
  if (m.left_chat_member) return `${fullName(m.left_chat_member)} گروه را ترک کرد`;
  if (m.pinned_message) return 'پیامی سنجاق شد';
  if (m.new_chat_title) return `نام گروه شد «${m.new_chat_title}»`;
  return null;
}

function renderMedia(recs) {
  const photos = recs.filter((r) => r.message.photo);
  if (!photos.length) return null;
  const grid = el('div', { class: `media n${Math.min(photos.length, 5)}` });
  for (const r of photos) {
    const url = fileUrl(largest(r.message.photo).file_id);
    grid.append(el('img', { src: url, alt: r.message.caption || 'عکس', loading: 'lazy', onclick: () => view(url), onload: stickToBottom }));
  }
  return grid;
}

function renderBody(m) {
  const parts = [];
  if (m.voice || m.audio) {
    const a = m.voice || m.audio;
    parts.push(el('div', { class: 'voice' },
      el('audio', { controls: true, preload: 'none', src: fileUrl(a.file_id) }),
      el('span', { class: 'dur', text: toFa(`${Math.floor(a.duration / 60)}:${String(a.duration % 60).padStart(2, '0')}`) })));
  }
  if (m.document) {
    parts.push(el('a', { class: 'doc', href: fileUrl(m.document.file_id), download: m.document.file_name || 'file' },
      el('span', { class: 'doc-icon', text: '📄' }), el('span', { dir: 'auto', text: m.document.file_name || 'فایل' })));
  }
  if (m.contact) {
    const c = m.contact;
    parts.push(el('div', { class: 'contact' }, avatar(c.first_name, c.user_id || 1),
      el('div', {}, el('b', { text: [c.first_name, c.last_name].filter(Boolean).join(' ') }),
        el('div', { class: 'phone', dir: 'ltr', text: '+' + toFa(c.phone_number.replace(/^\+/, '')) }))));
  }
  if (m.location) parts.push(el('div', { class: 'location', text: `📍 مکان: ${toFa(m.location.latitude.toFixed(4))}، ${toFa(m.location.longitude.toFixed(4))}` }));
  if (m.sticker) parts.push(el('div', { class: 'sticker', text: m.sticker.emoji || '🙂' }));
  if (m.text !== undefined) parts.push(renderText(m.text, m.entities));
  return parts;
}

function renderInline(rec) {
  const markup = rec.message.reply_markup;
  if (!markup || !markup.inline_keyboard) return null;
  const box = el('div', { class: 'inline-kb' });
  for (const row of markup.inline_keyboard) {
    const rowEl = el('div', { class: 'kb-row' });
    for (const b of row) {
      const btn = el('button', { type: 'button', class: `ib${b.url ? ' url' : ''}`, dir: 'auto', text: b.text });
      btn.addEventListener('click', () => pressInline(rec, b, btn));
      rowEl.append(btn);
    }
    box.append(rowEl);
  }
  return box;
}

function renderItem(item, chatType) {
  const recs = item.records;
  const first = recs[0];
  const m = first.message;
  const service = serviceText(m);
  if (service) return el('div', { class: 'service' }, el('span', { text: service }));

  const out = !first.from_bot && first.sender_id === S.me && chatType !== 'channel';
  const wrap = el('div', { class: `row ${out ? 'out' : 'in'}`, dataset: { mid: m.message_id } });
  const bubble = el('div', { class: 'bubble' });
  if (chatType !== 'private' && chatType !== 'channel' && !out) {
    const id = m.from?.id || m.sender_chat?.id || 0;
    bubble.append(el('div', { class: 'sender', style: `color:${COLORS[Math.abs(id) % COLORS.length]}`, text: senderName(first) }));
  }
  if (m.forward_origin) {
    const o = m.forward_origin;
    const from = o.chat?.title || (o.sender_user ? fullName(o.sender_user) : o.sender_user_name) || '';
    bubble.append(el('div', { class: 'fwd', text: `بازارسال از ${from}` }));
  }
  if (m.reply_to_message) {
    const q = m.reply_to_message;
    bubble.append(el('div', { class: 'quote' },
      el('b', { text: q.from ? (q.from.is_bot ? botName() : fullName(q.from)) : (q.sender_chat?.title || '') }),
      el('span', { dir: 'auto', text: preview(q) })));
  }
  const media = renderMedia(recs);
  if (media) { bubble.append(media); bubble.classList.add('has-media'); }
  for (const r of recs) bubble.append(...renderBody(r.message));
  const capRec = recs.find((r) => r.message.caption);
  if (capRec) bubble.append(renderText(capRec.message.caption, capRec.message.caption_entities));
  if (media && !capRec) bubble.classList.add('media-only');
  const edited = recs.some((r) => r.message.edit_date);
  bubble.append(el('span', { class: 'meta' },
    edited ? el('span', { class: 'edited', text: 'ویرایش‌شده' }) : null,
    el('span', { text: timeOf(m.date) }),
    out ? el('span', { class: 'ticks', text: '✓✓' }) : null));
  wrap.append(bubble);
  for (const r of recs) { const kb = renderInline(r); if (kb) wrap.append(kb); }
  return wrap;
}

function nearBottom() {
  const box = $('messages');
  return box.scrollHeight - box.scrollTop - box.clientHeight < 80;
}
function stickToBottom() {
  if (S.forceBottom || nearBottom()) $('messages').scrollTop = $('messages').scrollHeight;
}

function renderMessages() {
  const c = currentChat();
  const inner = $('msg-inner');
  const atBottom = nearBottom() || S.forceBottom;
  const children = [];
  let day = null;
  for (const item of groupItems(S.records)) {
    const d = dayOf(item.records[0].message.date);
    if (d !== day) { children.push(el('div', { class: 'service day' }, el('span', { text: d }))); day = d; }
    const key = `${S.chatId}:${item.records[0].message.message_id}`;
    const sig = JSON.stringify([S.me, item.records.map((r) => [r.message, r.keyboard])]);
    let cached = S.nodes.get(key);
    if (!cached || cached.sig !== sig) { cached = { sig, node: renderItem(item, c?.type) }; S.nodes.set(key, cached); }
    children.push(cached.node);
  }
  inner.replaceChildren(...children);
  const empty = $('empty');
  empty.hidden = !(c && S.records.length === 0);
  if (c?.type === 'private') empty.replaceChildren(el('b', { text: `گفتگو با ${botName()}` }), el('span', { text: 'برای آغاز گفتگو دکمهٔ «شروع» را بزنید.' }));
  else empty.replaceChildren(el('span', { text: 'هنوز پیامی نیست.' }));
  if (atBottom) { $('messages').scrollTop = $('messages').scrollHeight; }
  S.forceBottom = false;
  if (c && S.records.length) markRead(c.id, S.records[S.records.length - 1].message.message_id);
}

// ---------------------------------------------------------------- loading

async function refreshState() {
  S.state = await api.get('/control/state');
  if (S.me && !user(S.me)) { S.me = null; S.chatId = null; }
  renderSidebar();
  renderHeader();
}

async function refreshChat() {
  const id = S.chatId;
  if (id === null) { S.records = []; } else {
    const recs = await api.get(`/control/chats/${id}/messages`);
    if (id !== S.chatId) return;
    S.records = recs;
  }
  renderMessages();
  renderBottom();
}

let refreshTimer = null;
let refreshChatToo = false;
function scheduleRefresh(chatToo) {
  refreshChatToo = refreshChatToo || chatToo;
  if (refreshTimer) return;
  refreshTimer = setTimeout(async () => {
    refreshTimer = null;
    const withChat = refreshChatToo;
    refreshChatToo = false;
    try {
      await refreshState();
      if (withChat) await refreshChat();
      else renderBottom();
    } catch (err) { console.warn(err); }
  }, 60);
}

async function poll() {
  let quick = false;
  for (;;) {
    try {
      const d = await api.get(`/control/updates-since?seq=${S.seq}&timeout=${quick ? 0 : 25}`);
      setOnline(true);
      if (d.seq < S.seq || quick) {  // the sandbox restarted: reload everything
        S.seq = d.seq; quick = false; S.nodes.clear();
        scheduleRefresh(true);
        continue;
      }
      S.seq = d.seq;
      handleEvents(d.events);
    } catch (err) {
      setOnline(false);
      quick = true;
      await sleep(1500);
    }
  }
}

function setOnline(on) { $('conn').hidden = on; }

function handleEvents(events) {
  let chatToo = false;
  let any = false;
  for (const ev of events) {
    any = true;
    if (ev.chat_id !== undefined && ev.chat_id === S.chatId) chatToo = true;
    if (ev.type === 'callback_answer' && S.pending.has(ev.callback_query_id)) showAnswer(ev.callback_query_id);
  }
  if (any) scheduleRefresh(chatToo);
}

async function showAnswer(qid) {
  const btn = S.pending.get(qid);
  S.pending.delete(qid);
  btn?.classList.remove('loading');
  const [a] = await api.get(`/control/callback-answers?id=${encodeURIComponent(qid)}`);
  if (!a) return;
  if (a.text) { if (a.show_alert) alertBox(a.text); else toast(a.text); }
  if (a.url) openLink(a.url);
}

// ---------------------------------------------------------------- actions

function selectPerson(id) {
  S.me = id;
  document.body.classList.remove('no-person');  // on a phone: the chat, not the list
  localStorage.setItem(LS.person, String(id));
  S.kbHidden = false;
  const saved = Number(localStorage.getItem(LS.chat(id)));
  const ids = myChats().map((c) => c.id);
  openChat(ids.includes(saved) ? saved : id);
}

async function openChat(id) {
  if (!S.me) return;
  S.chatId = id;
  S.kbHidden = false;
  S.forceBottom = true;
  localStorage.setItem(LS.chat(S.me), String(id));
  document.body.classList.remove('show-sidebar');
  renderSidebar();
  renderHeader();
  S.records = [];
  await refreshChat();
  renderSidebar();
  if (!$('composer').hidden) $('input').focus();
}

function target() { return S.chatId === S.me ? undefined : S.chatId; }

async function guarded(fn) {
  try { return await fn(); } catch (err) { toast(`خطا: ${err.message}`); return undefined; }
}

async function sendText(text, chatId) {
  const body = text.trim();
  if (!body || !S.me) return;
  S.forceBottom = true;
  await guarded(() => api.post('/control/send', { user_id: S.me, chat_id: chatId === undefined ? target() : chatId, text: body }));
  scheduleRefresh(true);
}

async function pressInline(rec, b, btn) {
  if (b.url) { openLink(b.url); return; }
  if (b.copy_text) { navigator.clipboard?.writeText(b.copy_text.text).catch(() => {}); toast('رونوشت شد'); return; }
  if (b.callback_data === undefined) { toast('این نوع دکمه در محیط آزمایشی پشتیبانی نمی‌شود'); return; }
  btn.classList.add('loading');
  const q = await guarded(() => api.post('/control/press', { user_id: S.me, chat_id: rec.message.chat.id, message_id: rec.message.message_id, data: b.callback_data }));
  if (!q) { btn.classList.remove('loading'); return; }
  S.pending.set(q.id, btn);
  setTimeout(() => { if (S.pending.get(q.id) === btn) { S.pending.delete(q.id); btn.classList.remove('loading'); } }, 15000);
}

async function pressReply(rec, b) {
  if (b.request_contact && !(await ensurePhone())) return;
  if (b.request_users || b.request_chat || b.request_poll || b.web_app) { toast('این نوع دکمه در محیط آزمایشی پشتیبانی نمی‌شود'); return; }
  S.forceBottom = true;
  const body = { user_id: S.me, button: b.text };
  if (S.chatId !== S.me) { body.chat_id = S.chatId; body.message_id = rec.message.message_id; }
  await guarded(() => api.post('/control/press', body));
  scheduleRefresh(true);
}

function askPhone() {
  const dlg = $('phone-dialog');
  const form = $('phone-form');
  form.reset();
  $('phone-error').hidden = true;
  return new Promise((resolve) => {
    const done = (v) => { form.onsubmit = null; $('phone-cancel').onclick = null; dlg.onclose = null; if (dlg.open) dlg.close(); resolve(v); };
    form.onsubmit = async (e) => {
      e.preventDefault();
      try {
        await api.post('/control/phone', { user_id: S.me, phone: toLatin(form.phone.value) });
        done(true);
      } catch (err) { $('phone-error').textContent = 'شماره درست نیست؛ مثلاً ۰۹۱۲۱۲۳۴۵۶۷'; $('phone-error').hidden = false; }
    };
    $('phone-cancel').onclick = () => done(false);
    dlg.onclose = () => done(false);
    dlg.showModal();
  });
}

async function ensurePhone() {
  if (user(S.me)?.phone_number) return true;
  const ok = await askPhone();
  if (ok) await refreshState();
  return ok;
}

async function shareContact() {
  if (!(await ensurePhone())) return;
  S.forceBottom = true;
  await guarded(() => api.post('/control/contact', { user_id: S.me, chat_id: target() }));
  scheduleRefresh(true);
}

async function sendFiles(kind, files, caption, extra) {
  const fd = new FormData();
  fd.append('user_id', String(S.me));
  if (target() !== undefined) fd.append('chat_id', String(target()));
  fd.append('kind', kind);
  if (caption) fd.append('caption', caption);
  for (const [k, v] of Object.entries(extra || {})) fd.append(k, String(v));
  for (const f of files) fd.append('file', f.blob, f.name);
  S.forceBottom = true;
  await guarded(() => api.form('/control/media', fd));
  scheduleRefresh(true);
}

function openLink(url) {
  const href = safeUrl(url);
  if (!href) return;
  let m = href.match(/^https?:\/\/(?:www\.)?(?:t\.me|telegram\.me)\/([A-Za-z0-9_]{3,})(?:\/(\d+))?\/?(?:\?([^#]*))?$/i);
  let name, post, params;
  if (m) { [, name, post] = m; params = new URLSearchParams(m[3] || ''); }
  m = !name && href.match(/^tg:\/\/resolve\?(.*)$/i);
  if (m) { params = new URLSearchParams(m[1]); name = params.get('domain'); post = params.get('post'); }
  if (!name) { window.open(href, '_blank', 'noopener'); return; }
  if (!S.me) { toast('اول یک نفر را انتخاب کنید'); return; }
  if (name.toLowerCase() === botUsername()) {
    const start = params.get('start');
    openChat(S.me).then(() => { if (start !== null || !S.records.length) sendText(start ? `/start ${start}` : '/start', null); });
    return;
  }
  const c = S.state.chats.find((x) => (x.chat.username || '').toLowerCase() === name.toLowerCase());
  if (c && myChats().some((x) => x.id === c.chat.id)) {
    openChat(c.chat.id).then(() => {
      const node = post && document.querySelector(`.row[data-mid="${Number(post)}"]`);
      if (node) { node.scrollIntoView({ block: 'center' }); node.classList.add('flash'); }
    });
    return;
  }
  toast('این پیوند در محیط آزمایشی باز نمی‌شود');
}

// ---------------------------------------------------------------- small UI pieces

let toastTimer = null;
function toast(text) {
  const t = $('toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, 3000);
}
function alertBox(text) { $('alert-text').textContent = text; $('alert-dialog').showModal(); }
function view(url) { $('viewer-img').src = url; $('viewer').showModal(); }

async function loadSamples() {
  if (!S.samples) S.samples = await api.get('/samples/index.json').catch(() => []);
  return S.samples;
}

// Picks photos (files from the device, or the shipped samples) and sends them: one = a photo,
// several = an album, with an optional caption on the first.
function pickPhotos(items, title, preselect) {
  const grid = $('pick-grid');
  grid.replaceChildren();
  const chosen = new Set(preselect ? items.map((_, i) => i) : []);
  const update = () => {
    $('photo-send').textContent = chosen.size > 1 ? `ارسال ${toFa(chosen.size)} عکس (آلبوم)` : 'ارسال';
    $('photo-send').disabled = chosen.size === 0;
  };
  items.forEach((it, i) => {
    const cell = el('button', { type: 'button', class: `pick${chosen.has(i) ? ' on' : ''}`, title: it.title || it.name },
      el('img', { src: it.url, alt: it.title || it.name }), el('span', { class: 'check', text: '✓' }),
      it.title ? el('small', { text: it.title }) : null);
    cell.addEventListener('click', () => { if (chosen.has(i)) chosen.delete(i); else chosen.add(i); cell.classList.toggle('on'); update(); });
    grid.append(cell);
  });
  $('photo-title').textContent = title;
  $('photo-caption').value = '';
  update();
  const dlg = $('photo-dialog');
  $('photo-form').onsubmit = async (e) => {
    e.preventDefault();
    const picked = items.filter((_, i) => chosen.has(i));
    const caption = $('photo-caption').value.trim();
    dlg.close();
    const files = await Promise.all(picked.map(async (it) => ({ name: it.name, blob: it.blob || await (await fetch(it.url)).blob() })));
    await sendFiles('photo', files, caption);
  };
  dlg.showModal();
}

function openPersonDialog() {
  const dlg = $('person-dialog');
  $('person-form').reset();
  $('person-error').hidden = true;
  $('person-cancel').hidden = !S.state?.users.length;
  dlg.showModal();
}

// ---------------------------------------------------------------- wiring

function wire() {
  const input = $('input');
  const grow = () => { input.style.height = 'auto'; input.style.height = `${Math.min(input.scrollHeight, 140)}px`; };
  input.addEventListener('input', grow);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      const text = input.value;
      input.value = '';
      grow();
      sendText(text);
    }
  });
  $('send').addEventListener('click', () => { const t = input.value; input.value = ''; grow(); sendText(t); input.focus(); });
  $('start-btn').addEventListener('click', () => sendText('/start'));
  $('kb-toggle').addEventListener('click', () => { S.kbHidden = !S.kbHidden; renderBottom(); });
  $('show-sidebar').addEventListener('click', () => document.body.classList.toggle('show-sidebar'));
  $('me-card').addEventListener('click', () => document.querySelector('.people')?.scrollIntoView({ behavior: 'smooth' }));
  $('add-person').addEventListener('click', openPersonDialog);
  $('person-cancel').addEventListener('click', () => $('person-dialog').close());

  $('person-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target;
    const body = { first_name: f.first_name.value.trim(), last_name: f.last_name.value.trim() || null, role: f.role.value };
    if (f.phone.value.trim()) body.phone = toLatin(f.phone.value);
    try {
      const p = await api.post('/control/people', body);
      $('person-dialog').close();
      await refreshState();
      selectPerson(p.user.id);
    } catch (err) {
      $('person-error').textContent = /phone/.test(err.message) ? 'شماره همراه درست نیست.' : `ساخته نشد: ${err.message}`;
      $('person-error').hidden = false;
    }
  });
  $('person-dialog').addEventListener('cancel', (e) => { if (!S.state?.users.length) e.preventDefault(); });
  $('photo-cancel').addEventListener('click', () => $('photo-dialog').close());

  const menu = $('attach-menu');
  $('attach').addEventListener('click', (e) => { e.stopPropagation(); menu.hidden = !menu.hidden; });
  document.addEventListener('click', (e) => { if (!menu.contains(e.target)) menu.hidden = true; });
  menu.addEventListener('click', async (e) => {
    const act = e.target.closest('button')?.dataset.act;
    menu.hidden = true;
    if (act === 'device') $('file-photo').click();
    else if (act === 'audio') $('file-audio').click();
    else if (act === 'contact') shareContact();
    else if (act === 'samples') {
      const items = (await loadSamples()).filter((s) => s.kind === 'photo').map((s) => ({ url: `/samples/${s.file}`, name: s.file, title: s.title }));
      pickPhotos(items, 'عکس‌های نمونه', false);
    } else if (act === 'voice') {
      const v = (await loadSamples()).find((s) => s.kind === 'voice');
      if (!v) { toast('پیام صوتی نمونه پیدا نشد'); return; }
      const blob = await (await fetch(`/samples/${v.file}`)).blob();
      sendFiles('voice', [{ name: v.file, blob }], '', { duration: v.duration || 1 });
    }
  });
  $('file-photo').addEventListener('change', (e) => {
    const files = [...e.target.files];
    e.target.value = '';
    if (!files.length) return;
    const items = files.map((f) => ({ url: URL.createObjectURL(f), name: f.name, blob: f }));
    pickPhotos(items, files.length > 1 ? 'فرستادن آلبوم' : 'فرستادن عکس', true);
  });
  $('file-audio').addEventListener('change', (e) => {
    const [f] = e.target.files;
    e.target.value = '';
    if (f) sendFiles('voice', [{ name: f.name, blob: f }], '');
  });
}

async function boot() {
  wire();
  for (;;) {
    try { await refreshState(); break; } catch { setOnline(false); await sleep(1500); }
  }
  setOnline(true);
  S.seq = S.state.seq;
  const saved = Number(localStorage.getItem(LS.person));
  if (saved && user(saved)) selectPerson(saved);
  else {
    document.body.classList.add('no-person');  // on a phone the list of people is the page
    renderHeader(); renderBottom();
    const empty = $('empty');
    empty.hidden = false;
    empty.replaceChildren(el('b', { text: 'به محیط آزمایشی همیار خوش آمدید' }),
      el('span', { text: 'یک نفر را از فهرست کنار صفحه انتخاب کنید یا فرد تازه‌ای بسازید: فروشنده، خریدار یا مربی.' }),
      el('button', { type: 'button', class: 'primary', text: 'ساختن فرد تازه', onclick: openPersonDialog }));
    if (!S.state.users.length) openPersonDialog();
  }
  poll();
}

boot();
