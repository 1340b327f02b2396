/* global document, window, fetch, setTimeout */
/* patbot sandbox Slack page: renders the Block Kit patbot posted and sends what Alex types and
 * clicks to the sandbox, which signs it and delivers it to patbot as Slack would. No framework. */
(function () {
  'use strict';

  /* Status circles are drawn with CSS (no emoji font needed); the rest are plain symbols. */
  var DOTS = {
    red_circle: 'red',
    large_orange_circle: 'orange',
    large_blue_circle: 'blue',
    large_green_circle: 'green',
    white_circle: 'white',
  };
  var EMOJI = {
    warning: '\u26A0',
    zzz: 'zZ',
    information_source: '\u2139',
    white_check_mark: '\u2714',
    heavy_check_mark: '\u2714',
    x: '\u2716',
    bell: '\u266A',
    no_entry: '\u26D4',
    hourglass: '\u231B',
    hourglass_flowing_sand: '\u23F3',
  };
  var PEOPLE = { U0ALEXW: 'Alex Wilber', U0PATBOT: 'patbot' };

  var state = { version: -1, channels: [], messages: [], modal: null, home: null, notices: [] };
  var view = 'D0ALEXW';

  function $(id) {
    return document.getElementById(id);
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function esc(text) {
    return String(text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;');
  }
  /* Slack escapes & < > in mrkdwn; decode them, then escape for HTML. */
  function safe(text) {
    return esc(text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  }
  function styles(html) {
    var edge = '(?=$|[\\s).,:;!?\u00b7])';
    return html
      .replace(new RegExp('(^|[\\s(])\\*([^*\\n]+)\\*' + edge, 'g'), '$1<b>$2</b>')
      .replace(new RegExp('(^|[\\s(])_([^_\\n]+)_' + edge, 'g'), '$1<i>$2</i>')
      .replace(new RegExp('(^|[\\s(])~([^~\\n]+)~' + edge, 'g'), '$1<s>$2</s>')
      .replace(/:([a-z0-9_+-]+):/g, function (all, name) {
        if (DOTS[name]) return '<span class="dot ' + DOTS[name] + '" title=":' + name + ':"></span>';
        return EMOJI[name] ? '<span class="emoji">' + EMOJI[name] + '</span>' : all;
      })
      .replace(/\n/g, '<br>');
  }
  function inline(text) {
    return text
      .split('`')
      .map(function (part, i) {
        return i % 2 ? '<code>' + safe(part) + '</code>' : styles(safe(part));
      })
      .join('');
  }
  function link(inner) {
    var bar = inner.indexOf('|');
    var target = bar < 0 ? inner : inner.slice(0, bar);
    var label = bar < 0 ? '' : inner.slice(bar + 1);
    if (target[0] === '@') return '<b>@' + esc(PEOPLE[target.slice(1)] || target.slice(1)) + '</b>';
    if (target[0] === '#') return '<b>#' + esc(label || target.slice(1)) + '</b>';
    if (target[0] === '!') return '<b>@' + esc(target.slice(1)) + '</b>';
    if (!/^https?:\/\//.test(target)) return safe('<' + inner + '>');
    return '<a href="' + esc(target) + '" target="_blank" rel="noopener">' + safe(label || target) + '</a>';
  }
  /* Basic Slack mrkdwn as safe HTML: links, mentions, ```pre```, `code`, *b*, _i_, ~s~, :emoji:. */
  function mrkdwn(src) {
    return String(src || '')
      .split('```')
      .map(function (chunk, i) {
        if (i % 2) return '<pre>' + safe(chunk) + '</pre>';
        var out = '';
        var last = 0;
        var re = /<([^<>\n]+)>/g;
        var m;
        while ((m = re.exec(chunk))) {
          out += inline(chunk.slice(last, m.index)) + link(m[1]);
          last = re.lastIndex;
        }
        return out + inline(chunk.slice(last));
      })
      .join('');
  }
  function textNode(obj, className) {
    var node = el('div', className);
    if (!obj) return node;
    if (obj.type === 'mrkdwn') node.innerHTML = mrkdwn(obj.text);
    else node.textContent = obj.text || '';
    return node;
  }

  function post(path, body) {
    return fetch('/sandbox/slack/' + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) showLocalNotice(json.message || 'Request failed (' + res.status + ')');
        return refresh();
      });
    });
  }
  function showLocalNotice(text) {
    var box = $('notices');
    box.appendChild(el('div', '', text));
  }

  function askConfirm(confirm) {
    return new Promise(function (resolve) {
      var dialog = $('confirm');
      dialog.replaceChildren();
      dialog.appendChild(el('h2', '', (confirm.title && confirm.title.text) || 'Are you sure?'));
      var body = textNode(confirm.text, 'modal-body');
      dialog.appendChild(body);
      var foot = el('div', 'modal-foot');
      var deny = el('button', 'btn', (confirm.deny && confirm.deny.text) || 'Cancel');
      var ok = el('button', 'btn ' + (confirm.style === 'danger' ? 'danger' : 'primary'));
      ok.textContent = (confirm.confirm && confirm.confirm.text) || 'Yes';
      deny.type = ok.type = 'button';
      deny.onclick = function () {
        dialog.close();
        resolve(false);
      };
      ok.onclick = function () {
        dialog.close();
        resolve(true);
      };
      foot.append(deny, ok);
      dialog.appendChild(foot);
      dialog.showModal();
    });
  }

  function act(where, blockId, element, selected) {
    if (element.url) window.open(element.url, '_blank', 'noopener');
    var send = function () {
      var body = { blockId: blockId, actionId: element.action_id, selected: selected };
      if (where.home) body.home = true;
      else body.messageId = where.messageId;
      return post('action', body);
    };
    if (!element.confirm) return send();
    return askConfirm(element.confirm).then(function (yes) {
      return yes ? send() : undefined;
    });
  }

  function elementNode(where, blockId, element) {
    if (element.type === 'button') {
      var b = el('button', 'btn' + (element.style ? ' ' + element.style : ''), element.text.text);
      b.type = 'button';
      b.dataset.actionId = element.action_id;
      b.onclick = function () {
        b.disabled = true;
        act(where, blockId, element).finally(function () {
          b.disabled = false;
        });
      };
      return b;
    }
    if (element.type === 'overflow' || element.type === 'static_select') {
      var s = el('select');
      var first = el(
        'option',
        '',
        element.type === 'overflow' ? '\u22EF' : (element.placeholder || {}).text || 'Choose',
      );
      first.value = '';
      s.appendChild(first);
      (element.options || []).forEach(function (o) {
        var opt = el('option', '', o.text.text);
        opt.value = o.value;
        s.appendChild(opt);
      });
      s.onchange = function () {
        if (s.value) act(where, blockId, element, s.value);
      };
      return s;
    }
    if (element.type === 'image') {
      var img = el('img');
      img.alt = element.alt_text || '';
      return img;
    }
    return el('span', 'meta', '[' + element.type + ']');
  }

  function blockNode(where, block) {
    var node;
    switch (block.type) {
      case 'header':
        return textNode(block.text, 'block header');
      case 'divider':
        return el('hr', 'block divider');
      case 'context':
        node = el('div', 'block context');
        (block.elements || []).forEach(function (e) {
          node.appendChild(e.type === 'image' ? elementNode(where, block.block_id, e) : textNode(e, ''));
        });
        return node;
      case 'actions':
        node = el('div', 'block actions');
        (block.elements || []).forEach(function (e) {
          node.appendChild(elementNode(where, block.block_id, e));
        });
        return node;
      case 'section':
        node = el('div', 'block section');
        var main = el('div');
        if (block.text) main.appendChild(textNode(block.text, ''));
        if (block.fields) {
          var fields = el('div', 'fields');
          block.fields.forEach(function (f) {
            fields.appendChild(textNode(f, ''));
          });
          main.appendChild(fields);
        }
        node.appendChild(main);
        if (block.accessory) node.appendChild(elementNode(where, block.block_id, block.accessory));
        return node;
      default:
        return el('div', 'block meta', '[' + block.type + ' block]');
    }
  }

  function messageNode(m) {
    var row = el('article', 'msg' + (m.command ? ' command' : ''));
    row.dataset.messageId = m.id;
    row.appendChild(el('div', 'avatar ' + m.author, m.author === 'bot' ? 'P' : 'A'));
    var col = el('div');
    var head = el('div');
    head.appendChild(el('span', 'who', m.author === 'bot' ? 'patbot' : 'Alex Wilber'));
    if (m.author === 'bot') head.appendChild(el('span', 'badge', 'APP'));
    var when = new Date(Number(m.ts) * 1000);
    head.appendChild(el('span', 'meta', when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
    if (m.edited) head.appendChild(el('span', 'meta', '(edited)'));
    col.appendChild(head);
    if (m.ephemeral && !m.command) col.appendChild(el('div', 'ephemeral-note', 'Only visible to you'));
    var body = el('div', 'body');
    if (m.blocks && m.blocks.length) {
      m.blocks.forEach(function (b) {
        body.appendChild(blockNode({ messageId: m.id }, b));
      });
    } else body.appendChild(textNode({ type: m.command ? 'plain_text' : 'mrkdwn', text: m.text }, ''));
    col.appendChild(body);
    row.appendChild(col);
    return row;
  }

  function renderNav() {
    var box = $('channels');
    box.replaceChildren();
    state.channels.forEach(function (c) {
      var b = el(
        'button',
        'nav' + (view === c.id ? ' active' : ''),
        (c.kind === 'im' ? '\u25CF ' : '# ') + c.name,
      );
      b.type = 'button';
      b.dataset.channel = c.id;
      b.onclick = function () {
        view = c.id;
        render();
      };
      box.appendChild(b);
    });
    document.querySelector('[data-view="home"]').className = 'nav' + (view === 'home' ? ' active' : '');
  }

  function renderMessages() {
    var box = $('messages');
    var atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    box.replaceChildren();
    if (view === 'home') {
      $('title').textContent = 'patbot · Home';
      if (!state.home) box.appendChild(el('p', 'empty', 'patbot has not published a Home tab for you yet.'));
      else
        (state.home.blocks || []).forEach(function (b) {
          box.appendChild(blockNode({ home: true }, b));
        });
      return;
    }
    var channel = state.channels.find(function (c) {
      return c.id === view;
    });
    $('title').textContent = channel ? (channel.kind === 'im' ? channel.name : '#' + channel.name) : '';
    var shown = state.messages.filter(function (m) {
      return m.channel === view;
    });
    if (!shown.length) box.appendChild(el('p', 'empty', 'No messages yet. Try /pat list or /pat help.'));
    shown.forEach(function (m) {
      box.appendChild(messageNode(m));
    });
    if (atBottom || shown.length) box.scrollTop = box.scrollHeight;
  }

  function inputNode(block, errors) {
    var wrap = el('div', 'input-block');
    var id = 'in-' + block.block_id;
    var label = el('label', '', (block.label && block.label.text) || '');
    label.htmlFor = id;
    wrap.appendChild(label);
    var e = block.element || {};
    var input;
    if (e.type === 'datepicker') {
      input = el('input');
      input.type = 'date';
      input.value = e.initial_date || '';
    } else if (e.type === 'static_select') {
      input = el('select');
      (e.options || []).forEach(function (o) {
        var opt = el('option', '', o.text.text);
        opt.value = o.value;
        input.appendChild(opt);
      });
      if (e.initial_option) input.value = e.initial_option.value;
    } else {
      input = el(e.multiline ? 'textarea' : 'input');
      input.value = e.initial_value || '';
    }
    input.id = id;
    input.dataset.blockId = block.block_id;
    wrap.appendChild(input);
    if (block.hint) wrap.appendChild(el('div', 'hint', block.hint.text));
    if (errors[block.block_id]) wrap.appendChild(el('div', 'error', errors[block.block_id]));
    return wrap;
  }

  var shownModal = '';
  function renderModal() {
    var dialog = $('modal');
    var modal = state.modal;
    if (!modal) {
      if (dialog.open) dialog.close();
      shownModal = '';
      return;
    }
    var key = JSON.stringify(modal);
    if (key === shownModal && dialog.open) return;
    shownModal = key;
    var v = modal.view;
    dialog.replaceChildren();
    var title = el('h2', '', (v.title && v.title.text) || '');
    title.id = 'modal-title';
    dialog.appendChild(title);
    var body = el('div', 'modal-body');
    (v.blocks || []).forEach(function (b) {
      body.appendChild(b.type === 'input' ? inputNode(b, modal.errors || {}) : blockNode({ modal: true }, b));
    });
    dialog.appendChild(body);
    var foot = el('div', 'modal-foot');
    var close = el('button', 'btn', (v.close && v.close.text) || 'Cancel');
    close.type = 'button';
    close.onclick = function () {
      post('close', {});
    };
    foot.appendChild(close);
    if (v.submit) {
      var submit = el('button', 'btn primary', v.submit.text);
      submit.type = 'button';
      submit.onclick = function () {
        var values = {};
        dialog.querySelectorAll('[data-block-id]').forEach(function (input) {
          values[input.dataset.blockId] = input.value;
        });
        post('submit', { values: values });
      };
      foot.appendChild(submit);
    }
    dialog.appendChild(foot);
    if (!dialog.open) dialog.showModal();
  }

  function render() {
    renderNav();
    renderMessages();
    renderModal();
    var box = $('notices');
    box.replaceChildren();
    state.notices.forEach(function (n) {
      box.appendChild(el('div', '', n));
    });
  }

  function refresh() {
    return fetch('/sandbox/slack/state', { cache: 'no-store' })
      .then(function (res) {
        return res.json();
      })
      .then(function (next) {
        if (next.version !== state.version) {
          state = next;
          render();
        }
      });
  }
  function poll() {
    refresh()
      .catch(function () {
        /* the bot restarted: keep polling */
      })
      .finally(function () {
        setTimeout(poll, 500);
      });
  }

  document.querySelector('[data-view="home"]').onclick = function () {
    view = 'home';
    render();
  };
  $('composer').onsubmit = function (event) {
    event.preventDefault();
    var input = $('compose');
    var text = input.value.trim();
    if (!text) return;
    if (!/^\/pat\b/i.test(text)) {
      showLocalNotice('In this sandbox only /pat commands reach patbot, e.g. /pat list.');
      return;
    }
    if (view === 'home') view = 'D0ALEXW';
    input.value = '';
    post('command', { channel: view, text: text });
  };
  poll();
})();
