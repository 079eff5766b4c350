/* The review page's script (docs/review.md): the rows, the actions on
 * them with undo and redo, the state kept in localStorage, the exports,
 * and window.tmxalignReview for programs and tests.  Plain ES5-level
 * script: no module, no library, nothing fetched. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('ta-data').textContent);
  var KEY = 'tmxalign-review:' + D.digest.src + ':' + D.digest.tgt;
  var NS = D.src.length, NT = D.tgt.length;

  /* ---- state: beads {s, sn, t, tn, score (null: changed), c} and the
   * edited texts by side and sentence index */
  function initial() {
    var st = {beads: [], edits: {src: {}, tgt: {}}};
    D.beads.forEach(function (b) {
      st.beads.push({s: b[0], sn: b[1], t: b[2], tn: b[3], score: b[4],
                     c: !!b[5]});
    });
    [['src', D.src], ['tgt', D.tgt]].forEach(function (p) {
      p[1].forEach(function (x, i) {
        if (x.length > 2) st.edits[p[0]][i] = x[2];
      });
    });
    return st;
  }
  function clone(x) { return JSON.parse(JSON.stringify(x)); }

  /* Every sentence in exactly one bead, in order, no empty bead. */
  function valid(st) {
    if (!st || !Array.isArray(st.beads) || !st.edits) return false;
    var ns = 0, nt = 0;
    for (var k = 0; k < st.beads.length; k++) {
      var b = st.beads[k];
      if (b.s !== ns || b.t !== nt || b.sn < 0 || b.tn < 0 ||
          b.sn + b.tn === 0)
        return false;
      ns += b.sn;
      nt += b.tn;
    }
    return ns === NS && nt === NT;
  }

  var S = initial(), undoStack = [], redoStack = [];
  var sel = 0, pick = null; /* selected row; clicked sentence {side, i} */
  var view = {weakest: false, unconfirmed: false};
  var note = '';

  function save() {
    try {
      localStorage.setItem(KEY, JSON.stringify(
          {version: 1, origin: D.origin, state: S, sel: sel}));
    } catch (e) { note = 'cannot save in this browser: ' + e.message; }
  }
  function load() {
    try {
      var x = JSON.parse(localStorage.getItem(KEY) || 'null');
      if (x && x.origin === D.origin && valid(x.state)) {
        S = x.state;
        sel = Math.min(x.sel | 0, S.beads.length - 1);
        note = 'review restored from this browser';
      }
    } catch (e) { /* a broken entry: start afresh */ }
  }

  /* An action: f changes st and returns true, or false when it does not
   * apply (nothing is recorded then). */
  function act(f) {
    var before = clone(S);
    if (!f(S)) { render(); return false; }
    undoStack.push(before);
    redoStack = [];
    if (sel >= S.beads.length) sel = S.beads.length - 1;
    if (sel < 0) sel = 0;
    save();
    render();
    return true;
  }
  function undo() {
    if (!undoStack.length) return false;
    redoStack.push(clone(S));
    S = undoStack.pop();
    pick = null;
    sel = Math.min(sel, S.beads.length - 1);
    save();
    render();
    return true;
  }
  function redo() {
    if (!redoStack.length) return false;
    undoStack.push(clone(S));
    S = redoStack.pop();
    pick = null;
    sel = Math.min(sel, S.beads.length - 1);
    save();
    render();
    return true;
  }

  function changed(b) { b.score = null; b.c = false; }
  function empty(b) { return b.sn + b.tn === 0; }
  /* Remove bead k if it became 0-0. */
  function prune(st, k) {
    if (k >= 0 && k < st.beads.length && empty(st.beads[k])) {
      st.beads.splice(k, 1);
      if (sel > k) sel--;
    }
  }
  /* A new empty row before k (k = length: at the end). */
  function blank(st, k) {
    var prev = st.beads[k - 1], next = st.beads[k];
    var s = next ? next.s : prev.s + prev.sn, t = next ? next.t : prev.t + prev.tn;
    st.beads.splice(k, 0, {s: s, sn: 0, t: t, tn: 0, score: null, c: false});
  }
  var SIDE = {src: ['s', 'sn'], tgt: ['t', 'tn']};

  /* The first sentence of a side of row k up into row k-1 (a new row when
   * k is the first). */
  function up(st, k, side) {
    var f = SIDE[side], b = st.beads[k];
    if (!b || !b[f[1]]) return false;
    if (k === 0) { blank(st, 0); k = 1; sel++; }
    var p = st.beads[k - 1];
    b = st.beads[k];
    p[f[1]]++;
    b[f[0]]++;
    b[f[1]]--;
    changed(p);
    changed(b);
    prune(st, k);
    return true;
  }
  /* The last sentence of a side of row k down into row k+1 (a new row
   * when k is the last). */
  function down(st, k, side) {
    var f = SIDE[side], b = st.beads[k];
    if (!b || !b[f[1]]) return false;
    if (k === st.beads.length - 1) blank(st, k + 1);
    var n = st.beads[k + 1];
    b[f[1]]--;
    n[f[0]]--;
    n[f[1]]++;
    changed(b);
    changed(n);
    prune(st, k);
    return true;
  }
  function mergeNext(st, k) {
    var b = st.beads[k], n = st.beads[k + 1];
    if (!b || !n) return false;
    b.sn += n.sn;
    b.tn += n.tn;
    changed(b);
    st.beads.splice(k + 1, 1);
    return true;
  }
  /* Split row k before sentence i of side (the clicked one); the other
   * side is cut at the same proportion.  Without a sentence: in the middle
   * of the longer side. */
  function split(st, k, side, i) {
    var b = st.beads[k];
    if (!b) return false;
    if (side == null) {
      side = b.sn >= b.tn ? 'src' : 'tgt';
      i = SIDE[side] && b[SIDE[side][0]] + Math.floor(b[SIDE[side][1]] / 2);
    }
    var f = SIDE[side], o = SIDE[side === 'src' ? 'tgt' : 'src'];
    var len = b[f[1]], olen = b[o[1]], p = i - b[f[0]];
    if (p < 0 || p >= len) return false;
    var q = p > 0 ? Math.round(p * olen / len) : Math.max(1, Math.floor(olen / 2));
    if (p === 0 && olen === 0) return false;
    var first = {score: null, c: false}, second = {score: null, c: false};
    first[f[0]] = b[f[0]]; first[f[1]] = p;
    second[f[0]] = b[f[0]] + p; second[f[1]] = len - p;
    first[o[0]] = b[o[0]]; first[o[1]] = q;
    second[o[0]] = b[o[0]] + q; second[o[1]] = olen - q;
    st.beads.splice(k, 1, first, second);
    return true;
  }
  /* An empty cell on one side of row k: the row keeps only its other
   * side, and this side's sentences move down into the next row (a row of
   * their own after the last). */
  function insert(st, k, side) {
    var f = SIDE[side], b = st.beads[k];
    if (!b || !b[f[1]]) return false;
    var o = SIDE[side === 'src' ? 'tgt' : 'src'];
    if (!b[o[1]]) return false; /* the row would be empty */
    if (k === st.beads.length - 1) blank(st, k + 1);
    var n = st.beads[k + 1];
    n[f[0]] = b[f[0]];
    n[f[1]] += b[f[1]];
    b[f[1]] = 0;
    changed(b);
    changed(n);
    return true;
  }
  function confirm(st, k) {
    var b = st.beads[k];
    if (!b) return false;
    b.c = !b.c;
    return true;
  }
  function confirmAbove(st, th) {
    var any = false;
    st.beads.forEach(function (b) {
      if (b.score != null && b.score >= th && !b.c) { b.c = true; any = true; }
    });
    return any;
  }
  function edit(st, side, i, text) {
    var orig = (side === 'src' ? D.src : D.tgt)[i][0];
    text = String(text).replace(/[\r\n\t]+/g, ' ');
    var had = st.edits[side][i];
    if (text === orig) delete st.edits[side][i];
    else st.edits[side][i] = text;
    return had !== st.edits[side][i];
  }

  /* ---- texts and exports */
  function text(side, i) {
    var e = S.edits[side][i];
    return e != null ? e : (side === 'src' ? D.src : D.tgt)[i][0];
  }
  function range(a, n) {
    var r = [];
    for (var i = 0; i < n; i++) r.push(a + i);
    return r;
  }
  /* The rule of src/base/seam.c (ta__seam_space), for edited texts: no
   * space between Chinese or Japanese sentences, quotes aside. */
  var CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303F\uFE10-\uFE1F\uFE30-\uFE4F\uFF00-\uFFEF]/u;
  var QUOTE = /[\p{Pi}\p{Pf}\p{Ps}\p{Pe}"']/u;
  function seamSpace(l, r) {
    var a = Array.from(l), b = Array.from(r), i = a.length - 1, j = 0;
    while (i >= 0 && !CJK.test(a[i]) && QUOTE.test(a[i])) i--;
    while (j < b.length && !CJK.test(b[j]) && QUOTE.test(b[j])) j++;
    return !(i >= 0 && j < b.length && CJK.test(a[i]) && CJK.test(b[j]));
  }
  function joined(b, side) {
    var f = SIDE[side];
    return range(b[f[0]], b[f[1]]).map(function (i) { return text(side, i); })
        .reduce(function (acc, t, k) {
          return k && seamSpace(acc, t) ? acc + ' ' + t : acc + t;
        }, '');
  }
  function beads() {
    return S.beads.map(function (b) {
      return {src: range(b.s, b.sn), tgt: range(b.t, b.tn), confirmed: b.c,
              score: b.score};
    });
  }
  function xml(s, attr) {
    /* characters XML 1.0 does not allow are left out */
    s = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
        .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return attr ? s.replace(/"/g, '&quot;') : s;
  }
  function sentences(a, n) { return n === 1 ? '' + (a + 1) : (a + 1) + '-' + (a + n); }
  function stamp() {
    var d = new Date(), p = function (x) { return (x < 10 ? '0' : '') + x; };
    return d.getUTCFullYear() + p(d.getUTCMonth() + 1) + p(d.getUTCDate()) +
        'T' + p(d.getUTCHours()) + p(d.getUTCMinutes()) + p(d.getUTCSeconds()) +
        'Z';
  }
  /* TMX 1.4b, one <tu> a row with both sides (as 'tmxalign align' writes
   * by default); opts.confirmedOnly: confirmed rows only; opts.keepUnaligned:
   * rows with one side too. */
  function exportTMX(opts) {
    opts = opts || {};
    var out = ['<?xml version="1.0" encoding="UTF-8"?>',
               '<!DOCTYPE tmx SYSTEM "tmx14.dtd">', '<tmx version="1.4">',
               '  <header creationtool="tmxalign review" creationtoolversion="' +
               xml(D.tool, true) + '" segtype="sentence" o-tmf="tmxalign" ' +
               'adminlang="en" srclang="' + xml(D.srcLang, true) +
               '" datatype="plaintext" creationdate="' + stamp() + '">',
               '  </header>', '  <body>'];
    var id = 0;
    S.beads.forEach(function (b) {
      if (opts.confirmedOnly && !b.c) return;
      if ((!b.sn || !b.tn) && !opts.keepUnaligned) return;
      out.push('    <tu tuid="' + (++id) + '">');
      if (b.score != null)
        out.push('      <prop type="x-score">' + b.score.toFixed(4) + '</prop>');
      out.push('      <prop type="x-bead">' + b.sn + '-' + b.tn + '</prop>');
      out.push('      <prop type="x-document">' + xml(D.srcName) + '</prop>');
      if (b.sn)
        out.push('      <prop type="x-src-sentences">' + sentences(b.s, b.sn) +
                 '</prop>');
      if (b.tn)
        out.push('      <prop type="x-tgt-sentences">' + sentences(b.t, b.tn) +
                 '</prop>');
      out.push('      <prop type="x-confirmed">' + (b.c ? 'yes' : 'no') +
               '</prop>');
      [['src', D.srcLang, b.sn], ['tgt', D.tgtLang, b.tn]].forEach(function (v) {
        if (!v[2]) return;
        out.push('      <tuv xml:lang="' + xml(v[1], true) + '">');
        out.push('        <seg>' + xml(joined(b, v[0])) + '</seg>');
        out.push('      </tuv>');
      });
      out.push('    </tu>');
    });
    out.push('  </body>', '</tmx>', '');
    return out.join('\n');
  }
  /* source TAB target TAB score TAB confirmed, as 'tmxalign align -f tsv'
   * with a fourth column; the score is empty for a changed row. */
  function exportTSV() {
    return S.beads.map(function (b) {
      var f = function (s) { return s.replace(/[\t\r\n]/g, ' '); };
      return [f(joined(b, 'src')), f(joined(b, 'tgt')),
              b.score == null ? '' : b.score.toFixed(4), b.c ? '1' : '0']
          .join('\t');
    }).join('\n') + (S.beads.length ? '\n' : '');
  }
  /* One object a bead, read back by 'tmxalign align --alignment'. */
  function exportJSONL() {
    return S.beads.map(function (b) {
      var o = {src: range(b.s, b.sn), tgt: range(b.t, b.tn), confirmed: b.c};
      if (b.score != null) o.score = b.score;
      var ed = {}, any = false;
      ['src', 'tgt'].forEach(function (side) {
        var f = SIDE[side], m = {}, has = false;
        range(b[f[0]], b[f[1]]).forEach(function (i) {
          if (S.edits[side][i] != null) { m[i] = S.edits[side][i]; has = true; }
        });
        if (has) { ed[side] = m; any = true; }
      });
      if (any) o.edits = ed;
      return JSON.stringify(o);
    }).join('\n') + (S.beads.length ? '\n' : '');
  }
  function download(name, type, body) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([body], {type: type}));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }
  function stem() { return D.srcName.replace(/\.[^.]*$/, '') + '.review'; }

  /* ---- the rows */
  var tbody = document.querySelector('#ta-rows tbody');
  function cls(b, k) {
    var c = [];
    if (b.c) c.push('confirmed');
    else if (b.score == null) c.push('unknown');
    else if (b.score < 0.5) c.push('weak');
    else if (b.score < 0.8) c.push('mid');
    if (k === sel) c.push('sel');
    return c.join(' ');
  }
  function cell(b, side) {
    var f = SIDE[side], doc = side === 'src' ? D.src : D.tgt;
    var td = document.createElement('td');
    td.className = side;
    if (!b[f[1]]) {
      td.className += ' empty';
      td.textContent = '\u2014';
      return td;
    }
    for (var i = b[f[0]]; i < b[f[0]] + b[f[1]]; i++) {
      var para = i > 0 && doc[i][1] !== doc[i - 1][1];
      if (para && i === b[f[0]]) td.className += ' pb';
      if (para || i === 0) {
        var pm = document.createElement('span');
        pm.className = 'pm';
        pm.textContent = '\u00b6';
        pm.title = 'paragraph ' + (doc[i][1] + 1);
        td.appendChild(pm);
      }
      var sp = document.createElement('span');
      sp.className = 's';
      sp.dataset.side = side;
      sp.dataset.i = i;
      sp.textContent = text(side, i);
      if (S.edits[side][i] != null) {
        sp.className += ' ed';
        sp.title = 'edited; original: ' + doc[i][0];
      }
      td.appendChild(sp);
      if (S.edits[side][i] != null) {
        var del = document.createElement('span');
        del.className = 'orig';
        del.textContent = doc[i][0];
        td.appendChild(del);
      }
      td.appendChild(document.createTextNode(' '));
    }
    return td;
  }
  function order() {
    var ks = range(0, S.beads.length);
    if (view.unconfirmed)
      ks = ks.filter(function (k) { return !S.beads[k].c; });
    if (view.weakest)
      ks.sort(function (x, y) {
        var a = S.beads[x].score, b = S.beads[y].score;
        a = a == null ? -1 : a;
        b = b == null ? -1 : b;
        return a - b || x - y;
      });
    return ks;
  }
  /* Rows are kept between renders, keyed by what they show, so that an
   * action on a long document rebuilds only the rows it changed. */
  var rows = new Map();
  var editing = null; /* the sentence being edited: {side, i, ta} */
  function keyOf(b) {
    var k = b.s + ',' + b.sn + ',' + b.t + ',' + b.tn + ',' + b.score;
    [['src', b.s, b.sn], ['tgt', b.t, b.tn]].forEach(function (x) {
      for (var i = x[1]; i < x[1] + x[2]; i++)
        if (S.edits[x[0]][i] != null)
          k += '\u0001' + x[0] + i + '=' + S.edits[x[0]][i];
    });
    return k;
  }
  function build(b) {
    var tr = document.createElement('tr');
    var n = document.createElement('td');
    n.className = 'n';
    var sc = document.createElement('td');
    sc.className = 'sc';
    sc.textContent = (b.score == null ? 'changed' : b.score.toFixed(2)) +
        ' ' + b.sn + '-' + b.tn;
    tr.appendChild(n);
    tr.appendChild(cell(b, 'src'));
    tr.appendChild(cell(b, 'tgt'));
    tr.appendChild(sc);
    return tr;
  }
  function render() {
    /* a row left with an editor in it (kept, cancelled or abandoned) is
     * built afresh */
    var ed = tbody.querySelector('textarea.ta-edit');
    if (ed) {
      var etr = ed.closest('tr');
      rows.forEach(function (tr, key) { if (tr === etr) rows.delete(key); });
      etr.remove();
      editing = null;
    }
    var kept = new Map(), list = [];
    order().forEach(function (k) {
      var b = S.beads[k], key = keyOf(b), tr = rows.get(key);
      if (tr) rows.delete(key);
      else tr = build(b);
      kept.set(key, tr);
      if (tr.dataset.bead !== String(k)) {
        tr.dataset.bead = k;
        tr.firstChild.textContent = k + 1;
      }
      var c = cls(b, k);
      if (tr.className !== c) tr.className = c;
      list.push(tr);
    });
    /* rows no longer shown go first, then the others are put in order */
    rows.forEach(function (tr) { if (tr.parentNode) tr.remove(); });
    rows = kept;
    var cur = tbody.firstChild;
    list.forEach(function (tr) {
      if (cur === tr) cur = cur.nextSibling;
      else tbody.insertBefore(tr, cur);
    });
    while (cur) {
      var next = cur.nextSibling;
      tbody.removeChild(cur);
      cur = next;
    }
    var old = tbody.querySelector('span.s.pick');
    if (old) old.classList.remove('pick');
    if (pick) {
      var sp = tbody.querySelector('span.s[data-side="' + pick.side +
                                   '"][data-i="' + pick.i + '"]');
      if (sp) sp.classList.add('pick');
    }
    var done = S.beads.filter(function (b) { return b.c; }).length;
    document.getElementById('ta-progress').textContent =
        done + ' / ' + S.beads.length + ' confirmed';
    document.getElementById('ta-status').textContent = note;
    document.querySelector('[data-action=undo]').disabled = !undoStack.length;
    document.querySelector('[data-action=redo]').disabled = !redoStack.length;
  }
  function scrollToSel() {
    var tr = tbody.querySelector('tr[data-bead="' + sel + '"]');
    if (tr && tr.scrollIntoView) tr.scrollIntoView({block: 'nearest'});
  }

  /* ---- editing a sentence in place */
  function startEdit() {
    var p = pick;
    if (!p) {
      var b = S.beads[sel];
      if (!b) return false;
      p = b.sn ? {side: 'src', i: b.s} : {side: 'tgt', i: b.t};
    }
    var sp = tbody.querySelector('span.s[data-side="' + p.side + '"][data-i="' +
                                 p.i + '"]');
    if (!sp) return false;
    var ta = document.createElement('textarea');
    ta.className = 'ta-edit';
    ta.value = text(p.side, p.i);
    ta.rows = 2;
    sp.replaceWith(ta);
    editing = {side: p.side, i: p.i, ta: ta};
    ta.addEventListener('keydown', function (e) {
      e.stopPropagation();
      if (e.key === 'Enter') {
        e.preventDefault();
        var ed = editing;
        editing = null;
        act(function (st) { return edit(st, ed.side, ed.i, ed.ta.value); });
      } else if (e.key === 'Escape') {
        editing = null;
        render();
      }
    });
    ta.focus();
    ta.select();
    return true;
  }

  /* ---- controls */
  var ACTIONS = {
    'src-up': function () { return act(function (st) { return up(st, sel, 'src'); }); },
    'src-down': function () { return act(function (st) { return down(st, sel, 'src'); }); },
    'tgt-up': function () { return act(function (st) { return up(st, sel, 'tgt'); }); },
    'tgt-down': function () { return act(function (st) { return down(st, sel, 'tgt'); }); },
    'merge-next': function () { return act(function (st) { return mergeNext(st, sel); }); },
    'split': function () {
      var p = pick && rowOf(pick) === sel ? pick : null;
      pick = null;
      return act(function (st) { return split(st, sel, p && p.side, p && p.i); });
    },
    'insert-src': function () { return act(function (st) { return insert(st, sel, 'src'); }); },
    'insert-tgt': function () { return act(function (st) { return insert(st, sel, 'tgt'); }); },
    'confirm': function () { return act(function (st) { return confirm(st, sel); }); },
    'confirm-above': function () {
      var th = parseFloat(document.getElementById('ta-threshold').value);
      if (!(th >= 0 && th <= 1)) return false;
      return act(function (st) { return confirmAbove(st, th); });
    },
    'edit': startEdit,
    'undo': undo,
    'redo': redo,
    'export-tmx': function () { download(stem() + '.tmx', 'application/xml', exportTMX()); return true; },
    'export-tmx-confirmed': function () {
      download(stem() + '.confirmed.tmx', 'application/xml', exportTMX({confirmedOnly: true}));
      return true;
    },
    'export-tsv': function () { download(stem() + '.tsv', 'text/tab-separated-values', exportTSV()); return true; },
    'export-jsonl': function () { download(stem() + '.jsonl', 'application/x-ndjson', exportJSONL()); return true; }
  };
  function rowOf(p) {
    var f = SIDE[p.side];
    for (var k = 0; k < S.beads.length; k++) {
      var b = S.beads[k];
      if (p.i >= b[f[0]] && p.i < b[f[0]] + b[f[1]]) return k;
    }
    return -1;
  }
  function select(k) {
    if (k < 0 || k >= S.beads.length) return false;
    sel = k;
    render();
    scrollToSel();
    return true;
  }
  document.addEventListener('click', function (e) {
    var t = e.target;
    if (t.closest('textarea')) return;
    var ctl = t.closest('[data-action]');
    if (ctl && ctl.tagName === 'BUTTON') {
      ACTIONS[ctl.dataset.action]();
      return;
    }
    var sp = t.closest('span.s');
    var tr = t.closest('tr[data-bead]');
    if (!tr) return;
    pick = sp ? {side: sp.dataset.side, i: +sp.dataset.i} : null;
    select(+tr.dataset.bead);
  });
  document.addEventListener('change', function (e) {
    var a = e.target.dataset && e.target.dataset.action;
    if (a === 'filter-weakest') view.weakest = e.target.checked;
    else if (a === 'filter-unconfirmed') view.unconfirmed = e.target.checked;
    else return;
    render();
  });
  /* the next or previous row in the order shown */
  function step(d) {
    var ks = order(), at = ks.indexOf(sel);
    var k = ks[at < 0 ? 0 : Math.max(0, Math.min(ks.length - 1, at + d))];
    pick = null;
    return k != null && select(k);
  }
  var KEYS = {
    ArrowDown: function () { return step(1); }, j: function () { return step(1); },
    ArrowUp: function () { return step(-1); }, k: function () { return step(-1); },
    q: ACTIONS['src-up'], a: ACTIONS['src-down'],
    p: ACTIONS['tgt-up'], l: ACTIONS['tgt-down'],
    m: ACTIONS['merge-next'], x: ACTIONS.split,
    i: ACTIONS['insert-src'], o: ACTIONS['insert-tgt'],
    c: ACTIONS.confirm, ' ': ACTIONS.confirm, e: ACTIONS.edit,
    z: undo, y: redo
  };
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')) return;
    var key = e.key;
    if (e.ctrlKey || e.metaKey) {
      if (key === 'z' && !e.shiftKey) key = 'z';
      else if (key === 'y' || (key === 'Z' && e.shiftKey) ||
               (key === 'z' && e.shiftKey)) key = 'y';
      else return;
    } else if (e.altKey) return;
    var f = KEYS[key];
    if (!f) return;
    e.preventDefault();
    f();
    if (key !== 'e') scrollToSel();
  });

  document.getElementById('ta-title').textContent =
      'Review: ' + D.srcName + ' (' + D.srcLang + ') / ' + D.tgtName + ' (' +
      D.tgtLang + ')';
  document.getElementById('ta-src-name').textContent = D.srcName;
  document.getElementById('ta-tgt-name').textContent = D.tgtName;
  load();
  render();

  /* ---- for programs and tests (docs/review.md) */
  window.tmxalignReview = {
    beads: beads,
    selected: function () { return sel; },
    select: select,
    canUndo: function () { return undoStack.length > 0; },
    canRedo: function () { return redoStack.length > 0; },
    exportTMX: exportTMX,
    exportTSV: exportTSV,
    exportJSONL: exportJSONL,
    storageKey: KEY,
    reset: function () {
      try { localStorage.removeItem(KEY); } catch (e) { /* none */ }
      S = initial();
      undoStack = [];
      redoStack = [];
      sel = 0;
      pick = null;
      note = '';
      render();
    }
  };
})();
