// The auditors' page (docs/audit-api.md, "The web page"). Vanilla JS, no dependencies, no build step.
// Rules: server data reaches the DOM only through textContent (never innerHTML), the API key lives in
// sessionStorage and in Authorization headers only, and every check is computed here from the served bytes.
'use strict';

const KEY_STORAGE = 'tnacme-audit-key';
const $ = (id) => document.getElementById(id);
const encoder = new TextEncoder();

// ---------- small DOM helpers (text only) ----------

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function list(items) {
  const ul = el('ul');
  for (const item of items) ul.append(el('li', item));
  return ul;
}

function setCheck(id, state, text) {
  const node = $(id);
  node.className = 'check ' + state;
  node.textContent = text;
}

function showMessage(parts, info) {
  const box = $('message');
  box.replaceChildren(...parts);
  box.className = info ? 'info' : '';
  box.hidden = false;
}

function clearMessage() {
  $('message').hidden = true;
  $('message').replaceChildren();
}

// ---------- bytes and hashes ----------

function base64ToBytes(b64) {
  const raw = atob(b64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes) {
  let raw = '';
  for (const b of bytes) raw += String.fromCharCode(b);
  return btoa(raw);
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function concat(...arrays) {
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) { out.set(a, at); at += a.length; }
  return out;
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

// RFC 9162 §2.1.1: leaf = SHA-256(0x00 ‖ entry), node = SHA-256(0x01 ‖ left ‖ right).
const leafHash = (entry) => sha256(concat(Uint8Array.of(0), entry));
const nodeHash = (left, right) => sha256(concat(Uint8Array.of(1), left, right));

// RFC 9162 §2.1.3.2, step by step; BigInt so indexes past 2^31 shift correctly.
async function rootFromInclusionProof(index, treeSize, hash, proof) {
  let fn = BigInt(index);
  let sn = BigInt(treeSize) - 1n;
  if (fn > sn) throw new Error('leaf index ' + index + ' is not below tree size ' + treeSize);
  let r = hash;
  for (const p of proof) {
    if (sn === 0n) throw new Error('the proof is longer than the tree allows');
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new Error('the proof is shorter than the tree needs');
  return r;
}

// ---------- signed checkpoints (c2sp.org/signed-note, c2sp.org/tlog-checkpoint) ----------

function parseCheckpoint(note) {
  const split = note.indexOf('\n\n');
  if (split < 0) throw new Error('the checkpoint is not a signed note');
  const body = note.slice(0, split + 1);
  const lines = body.split('\n');
  if (lines.length < 4 || !/^[0-9]+$/.test(lines[1])) throw new Error('the checkpoint text is malformed');
  const signatures = note.slice(split + 2).split('\n').filter((l) => l.startsWith('\u2014 ')).map((l) => {
    const parts = l.slice(2).split(' ');
    return { name: parts[0], blob: base64ToBytes(parts[1] || '') };
  });
  return { body, origin: lines[0], size: Number(lines[1]), root: base64ToBytes(lines[2]), signatures };
}

// Verifies with WebCrypto Ed25519 where the browser has it (Chromium 137+); otherwise says so plainly.
async function checkSignature(checkpoint) {
  const keyText = (await fetchText('/log/key')).trim();
  const match = /^([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(keyText);
  if (!match) return { state: 'failed', text: 'Checkpoint signature: the log key ' + keyText + ' is malformed' };
  const [, name, keyIdHex, keyB64] = match;
  const keyBytes = base64ToBytes(keyB64);
  if (keyBytes.length !== 33 || keyBytes[0] !== 1) return { state: 'failed', text: 'Checkpoint signature: the log key is not an Ed25519 note key' };
  const keyId = (await sha256(concat(encoder.encode(name), Uint8Array.of(0x0a), keyBytes))).slice(0, 4);
  if (hex(keyId) !== keyIdHex) return { state: 'failed', text: 'Checkpoint signature: the log key ID does not match its key' };
  const signature = checkpoint.signatures.find((s) => s.name === name && s.blob.length === 68 && equalBytes(s.blob.slice(0, 4), keyId));
  if (!signature) return { state: 'failed', text: 'Checkpoint signature FAILED: no signature by ' + name + '+' + keyIdHex };
  let key;
  try {
    key = await crypto.subtle.importKey('raw', keyBytes.slice(1), { name: 'Ed25519' }, false, ['verify']);
  } catch (e) {
    return { state: 'info', text: 'Checkpoint signature: this browser has no WebCrypto Ed25519; check it with `tnacme audit verify` (key ' + name + '+' + keyIdHex + ')' };
  }
  const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, signature.blob.slice(4), encoder.encode(checkpoint.body));
  return ok
    ? { state: 'ok', text: 'Checkpoint signature verified with the log key this server publishes, ' + name + '+' + keyIdHex + ' (pin it: `tnacme audit verify --log-key`)' }
    : { state: 'failed', text: 'Checkpoint signature FAILED for key ' + name + '+' + keyIdHex };
}

// ---------- HTTP ----------

class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || 'HTTP ' + status);
    this.status = status;
    this.problem = problem;
  }
}

async function fail(response) {
  let problem = { title: response.statusText || 'HTTP error', detail: '' };
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { problem = await response.json(); } catch (e) { /* keep the generic one */ }
  }
  throw new ProblemError(response.status, problem);
}

// Never cached, never with cookies or a referrer; the key only in the Authorization header.
async function request(path, withKey) {
  const headers = { Accept: 'application/json' };
  if (withKey) {
    const key = sessionStorage.getItem(KEY_STORAGE);
    if (key) headers.Authorization = 'Bearer ' + key;
  }
  const response = await fetch(path, { headers, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' });
  if (!response.ok) await fail(response);
  return response;
}

const fetchJson = async (path, withKey) => (await request(path, withKey)).json();
const fetchText = async (path) => (await request(path, false)).text();

function showError(e, what) {
  if (e instanceof ProblemError) {
    const p = e.problem;
    showMessage([
      el('div', what + ' failed: ' + e.status + ' ' + (p.title || ''), 'problem-title'),
      el('div', p.detail || ''),
      el('div', p.type ? 'type: ' + p.type : '', 'muted small'),
    ]);
  } else {
    showMessage([el('div', what + ' failed', 'problem-title'), el('div', e && e.message ? e.message : String(e))]);
  }
}

// ---------- the key ----------

function refreshKeyState() {
  $('key-state').textContent = sessionStorage.getItem(KEY_STORAGE) ? 'a key is set for this tab' : 'no key set';
}

function saveKey(event) {
  event.preventDefault();
  const key = $('api-key').value.trim();
  $('api-key').value = '';
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  refreshKeyState();
}

function forgetKey() {
  sessionStorage.removeItem(KEY_STORAGE);
  $('api-key').value = '';
  refreshKeyState();
}

// ---------- search ----------

let lastQuery = null;

function queryFromForm() {
  const params = new URLSearchParams();
  const tn = $('q-tn').value.trim().replace(/^\+/, '');
  const spc = $('q-spc').value.trim();
  const serial = $('q-serial').value.trim().replace(/:/g, '');
  const status = $('q-status').value;
  if (tn) params.set('tn', tn);
  if (spc) params.set('spc', spc);
  if (serial) params.set('serial', serial);
  if (status) params.set('status', status);
  return params;
}

async function search(event) {
  event.preventDefault();
  // A key typed but not yet "used" still counts: auditors press Search straight away.
  if ($('api-key').value.trim()) saveKey(event);
  const params = queryFromForm();
  if ([...params.keys()].filter((k) => k !== 'status').length === 0) {
    showMessage([el('div', 'Enter a number, an SPC or a serial.')], true);
    return;
  }
  lastQuery = params;
  $('results').tBodies[0].replaceChildren();
  await loadPage(null);
}

async function loadPage(cursor) {
  clearMessage();
  const params = new URLSearchParams(lastQuery);
  if (cursor) params.set('cursor', cursor);
  $('search-button').disabled = true;
  try {
    const page = await fetchJson('/audit/v1/certificates?' + params.toString(), true);
    const body = $('results').tBodies[0];
    for (const item of page.items) body.append(resultRow(item));
    const count = body.rows.length;
    $('results-summary').textContent = count + (count === 1 ? ' certificate' : ' certificates') +
      ' as of the checkpoint of tree size ' + page.treeSize + (page.nextCursor ? ' (more available)' : '');
    $('results-section').hidden = false;
    const more = $('more-button');
    more.hidden = !page.nextCursor;
    more.dataset.cursor = page.nextCursor || '';
  } catch (e) {
    $('results-section').hidden = true;
    showError(e, 'Search');
  } finally {
    $('search-button').disabled = false;
  }
}

function resultRow(item) {
  const entry = item.entry || {};
  const row = el('tr');
  row.dataset.leafIndex = String(item.leafIndex);
  row.append(
    el('td', item.leafIndex, 'mono'),
    el('td', entry.serial, 'mono'),
    el('td', (entry.tnEntries || []).join(', '), 'mono tn'),
    el('td', entry.profile, 'tn'),
    el('td', item.status, 'status status-' + item.status),
    el('td', entry.notBefore),
    el('td', entry.notAfter));
  const cell = el('td');
  const button = el('button', 'Details');
  button.type = 'button';
  button.addEventListener('click', () => showDetail(item.leafIndex));
  cell.append(button);
  row.append(cell);
  return row;
}

// ---------- one certificate ----------

function addField(dl, name, value) {
  if (value === undefined || value === null || value === '') return;
  dl.append(el('dt', name));
  const dd = el('dd');
  if (value instanceof Node) dd.append(value); else dd.textContent = String(value);
  dl.append(dd);
}

function describeTnEntry(e) {
  if (!e) return '(unknown entry)';
  if (e.spc !== undefined) return 'SPC ' + e.spc;
  if (e.one !== undefined) return 'number ' + e.one;
  if (e.range) return 'range ' + e.range.start + ' … ' + e.range.last + ' (' + e.range.count + ' numbers)';
  return JSON.stringify(e);
}

function describeConstraints(c) {
  if (!c) return null;
  if (c.error) return 'undecodable: ' + c.error;
  const lines = [];
  if (c.mustInclude) lines.push('must include: ' + c.mustInclude.join(', '));
  if (c.permittedValues) {
    for (const [claim, values] of Object.entries(c.permittedValues)) lines.push('permitted ' + claim + ': ' + values.join(', '));
  }
  if (c.mustExclude) lines.push('must exclude: ' + c.mustExclude.join(', '));
  return list(lines.length ? lines : ['(empty)']);
}

async function showDetail(leafIndex) {
  clearMessage();
  $('detail-section').hidden = false;
  $('detail-title').textContent = 'Leaf ' + leafIndex;
  $('detail').replaceChildren();
  setCheck('inclusion', 'pending', 'Inclusion: checking…');
  setCheck('signature', 'pending', 'Checkpoint signature: checking…');
  setCheck('certificate-hash', 'pending', 'Certificate hash: checking…');
  let item;
  try {
    item = await fetchJson('/audit/v1/entries/' + encodeURIComponent(leafIndex), true);
  } catch (e) {
    setCheck('inclusion', 'failed', 'Inclusion: not checked, the entry could not be read');
    setCheck('signature', 'pending', 'Checkpoint signature: not checked');
    setCheck('certificate-hash', 'pending', 'Certificate hash: not checked');
    showError(e, 'Reading entry ' + leafIndex);
    return;
  }

  // Show what the hashed bytes say, not the server's parsed copy: that is what the proof covers.
  const entryBytes = base64ToBytes(item.entryBytes || '');
  let entry;
  try {
    entry = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(entryBytes));
  } catch (e) {
    entry = item.entry || {};
  }
  renderDetail(item, entry);
  $('detail-section').scrollIntoView({ block: 'start' });
  await Promise.all([
    checkInclusion(item.leafIndex, entryBytes),
    checkCertificateHash(item, entry),
  ]);
}

function renderDetail(item, entry) {
  const dl = $('detail');
  const d = item.details || {};
  addField(dl, 'Kind', item.kind);
  addField(dl, 'Status', item.status);
  addField(dl, 'Serial', entry.serial);
  addField(dl, 'Profile', entry.profile || d.profile);
  const tn = d.tnAuthList;
  if (tn && tn.entries) addField(dl, 'TNAuthList', list(tn.entries.map(describeTnEntry)));
  else if (tn && tn.error) addField(dl, 'TNAuthList', 'undecodable: ' + tn.error);
  else if (entry.tnEntries) addField(dl, 'TNAuthList (logged)', list(entry.tnEntries));
  addField(dl, 'JWT claim constraints', describeConstraints(d.jwtClaimConstraints) || 'none');
  if (d.enhancedJwtClaimConstraints) addField(dl, 'Enhanced JWT claim constraints', describeConstraints(d.enhancedJwtClaimConstraints));
  addField(dl, 'Subject', d.subject);
  addField(dl, 'Issuer', entry.issuer || d.issuer);
  addField(dl, 'Account', entry.account);
  addField(dl, 'Challenge types', (entry.challenges || []).join(', '));
  addField(dl, 'Not before', entry.notBefore || d.notBefore);
  addField(dl, 'Not after', entry.notAfter || d.notAfter);
  addField(dl, 'Logged at', entry.time);
  addField(dl, 'Revoked at', item.revokedAt || entry.revokedAt);
  addField(dl, 'Revocation reason', item.revocationReason ?? entry.reason);
  addField(dl, 'Revocation leaf', item.revocationLeafIndex);
  addField(dl, 'Public key', d.publicKey);
  addField(dl, 'Certificate SHA-256', entry.certificateSha256);
  if (d.lintFindings && d.lintFindings.length) addField(dl, 'Lint findings', list(d.lintFindings));
}

async function checkCertificateHash(item, entry) {
  if (!item.certificate || !entry.certificateSha256) {
    setCheck('certificate-hash', 'info', 'Certificate hash: no certificate with this entry (' + (item.kind || 'entry') + ')');
    return;
  }
  const actual = hex(await sha256(base64ToBytes(item.certificate)));
  if (actual === entry.certificateSha256.toLowerCase()) {
    setCheck('certificate-hash', 'ok', 'Certificate hash matches the logged certificateSha256 (' + actual + ')');
  } else {
    setCheck('certificate-hash', 'failed', 'Certificate hash FAILED: the served certificate hashes to ' + actual + ', the log says ' + entry.certificateSha256);
  }
}

async function checkInclusion(leafIndex, entryBytes) {
  try {
    const checkpoint = parseCheckpoint(await fetchText('/log/checkpoint'));
    if (leafIndex >= checkpoint.size) {
      // Committed, but not yet covered by a signed checkpoint (they follow within a second): nothing failed.
      setCheck('inclusion', 'pending', 'Inclusion not yet checkable: leaf ' + leafIndex + ' is newer than the latest checkpoint (size ' + checkpoint.size + '); open it again in a moment');
      setCheck('signature', 'pending', 'Checkpoint signature: not checked');
      return;
    }
    const signature = checkSignature(checkpoint).catch((e) => ({ state: 'failed', text: 'Checkpoint signature: ' + e.message }));
    const proof = await fetchJson('/log/proof/inclusion?index=' + encodeURIComponent(leafIndex) + '&treeSize=' + checkpoint.size, false);
    const hash = await leafHash(entryBytes);
    const root = await rootFromInclusionProof(leafIndex, checkpoint.size, hash, proof.proof.map(base64ToBytes));
    const rootText = bytesToBase64(checkpoint.root);
    if (equalBytes(root, checkpoint.root)) {
      setCheck('inclusion', 'ok', 'Inclusion verified against checkpoint of size ' + checkpoint.size + ' (root ' + rootText + ')');
    } else {
      setCheck('inclusion', 'failed', 'Inclusion FAILED: the entry bytes and proof give root ' + bytesToBase64(root) +
        ', the checkpoint of size ' + checkpoint.size + ' says ' + rootText);
    }
    const s = await signature;
    setCheck('signature', s.state, s.text);
  } catch (e) {
    if (e instanceof ProblemError && e.status === 503) {
      // noCheckpoint: the log has not signed its first checkpoint yet; not a verification failure.
      setCheck('inclusion', 'pending', 'Inclusion not yet checkable: ' + e.message);
    } else {
      setCheck('inclusion', 'failed', 'Inclusion FAILED: ' + (e instanceof ProblemError ? e.status + ' ' + e.message : e.message));
    }
    setCheck('signature', 'pending', 'Checkpoint signature: not checked');
  }
}

// ---------- wiring ----------

document.addEventListener('DOMContentLoaded', () => {
  $('key-form').addEventListener('submit', saveKey);
  $('key-forget').addEventListener('click', forgetKey);
  $('search-form').addEventListener('submit', (e) => { search(e); });
  $('more-button').addEventListener('click', () => loadPage($('more-button').dataset.cursor));
  refreshKeyState();
});
