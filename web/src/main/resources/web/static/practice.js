/*
 * DTR Coach — the live conversation (practice page and trainer preview). Vanilla JS, no build step.
 *
 * Channel: Server-Sent Events, one-way server → browser, plus ordinary POSTs for the rep's turns.
 * SSE rather than a WebSocket because the rep only ever sends one line at a time (a POST, with the
 * CSRF header, through the same auth and body limits as the JSON API), EventSource reconnects by
 * itself (with Last-Event-ID), and it passes through every proxy as plain HTTP.
 *
 * Everything the page needs is in data- attributes on #practice (see web/VIEWS.md):
 *   data-turns-url       POST {"text"} → {"turn", "reply", "ended", "ending"?, "notice"?, "analysis"? (preview)}
 *                        with the CSRF token from <meta name="csrf-token"> in the header named by
 *                        <meta name="csrf-header"> (X-CSRF-Token unless the server says otherwise)
 *   data-transcript-url  GET → {"session": {"status", "ending"?}, "opening", "turns": [{"number", "rep", "reply"}]}
 *                        ("status" at the top level and "prospect" for "reply" are read as well)
 *   data-live-turns-url  (optional) POST {"text", "stream"?}: the same turn and answer as data-turns-url, but the
 *                        reply streams over SSE as it is written; "stream" (from the hello event) ties the turn to
 *                        this page's events connection, so closing the tab stops the model. Used when present.
 *   data-events-url      SSE (optional). Events, each data a JSON object:
 *                          hello   {stream}         this connection's id, sent back with each live turn
 *                          typing  {turn}           the prospect is composing the reply to turn N
 *                          token   {turn, text}     the next piece of that reply (appended, as text)
 *                          restart {turn}           drop the pieces shown so far (the reply is written again)
 *                          reply   {turn, text, ended, notice?}  the committed reply (replaces the pieces)
 *                          ended   {ending?, reportUrl?}
 *   data-report-url, data-max-turns, data-turns-used, data-status, data-persona, data-mode ("practice"|"preview")
 *
 * The POST's response is authoritative; SSE only makes the reply appear as it is written. Without
 * SSE (or without JavaScript: the composer is a normal form) the conversation still works.
 * On load, and whenever something looks out of step, the transcript is fetched and the chat rebuilt,
 * so a reload mid-conversation picks up exactly where the server is.
 *
 * Text from users and from the model is only ever set with textContent — never innerHTML.
 */
(function () {
  'use strict';

  var root = document.getElementById('practice');
  if (!root) {
    return;
  }

  var data = root.dataset;
  var isPreview = data.mode === 'preview';
  var persona = data.persona || 'Prospect';
  var maxTurns = parseInt(data.maxTurns, 10) || 0;
  var turnsUsed = parseInt(data.turnsUsed, 10) || 0;
  var ended = data.status === 'ended';
  var busy = false;
  var streamId = null;
  var smallScreen = !!(window.matchMedia && window.matchMedia('(max-width: 980px)').matches);
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute('content') : '';
  var csrfHeaderMeta = document.querySelector('meta[name="csrf-header"]');
  var csrfHeader = csrfHeaderMeta && csrfHeaderMeta.getAttribute('content') || 'X-CSRF-Token';

  var chat = root.querySelector('[data-chat]');
  var typing = root.querySelector('[data-typing]');
  var statusLine = root.querySelector('[data-status-line]');
  var endedBanner = root.querySelector('[data-ended]');
  var composer = root.querySelector('[data-composer]');
  var textarea = root.querySelector('[data-composer-text]');
  var sendButton = root.querySelector('[data-send]');
  var countEl = root.querySelector('[data-turn-count]');
  var progress = root.querySelector('[data-turn-progress]');
  var inspector = root.querySelector('[data-inspector]');
  var stateTable = root.querySelector('[data-state]');

  var MOVE_LABELS = {
    dtr_ask: 'DTR ask', permission_no: 'Permission to say no', open_question: 'Open question',
    closed_question: 'Closed question', summary: 'Summary', next_step: 'Next step', rapport: 'Rapport',
    decision_process: 'Decision process', 'pressure.ultimatum': 'Ultimatum',
    'pressure.false_urgency': 'False urgency', 'pressure.peer': 'Peer pressure', 'pressure.guilt': 'Guilt',
    'pressure.leading': 'Leading question', 'pressure.controlling': 'Controlling language', other: 'Other'
  };
  var GOOD_MOVES = ['permission_no', 'open_question', 'summary', 'next_step', 'decision_process'];

  // ---------- small DOM helpers (text only) ----------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function humanize(id) {
    var s = String(id || '').replace(/[._-]+/g, ' ').trim();
    return s ? s.charAt(0).toUpperCase() + s.slice(1) : '';
  }

  function scrollToEnd() {
    chat.scrollTop = chat.scrollHeight;
  }

  function message(kind, turn, text) {
    var li = el('li', 'msg msg-' + kind);
    li.setAttribute('data-turn', String(turn));
    var who = el('span', 'msg-who', kind === 'rep' ? 'You' : persona);
    if (kind === 'rep' && turn > 0) {
      who.appendChild(document.createTextNode(' '));
      who.appendChild(el('span', 'muted', '· turn ' + turn));
    }
    li.appendChild(who);
    li.appendChild(el('p', 'msg-text', text));
    return li;
  }

  function findMessage(kind, turn) {
    return chat.querySelector('.msg-' + kind + '[data-turn="' + Number(turn) + '"]');
  }

  function setStatus(text, info) {
    statusLine.textContent = text || '';
    statusLine.classList.toggle('is-info', !!info);
  }

  function setTyping(on) {
    typing.hidden = !on;
    if (on) {
      scrollToEnd();
    }
  }

  function setCount(n) {
    turnsUsed = n;
    if (countEl) {
      countEl.textContent = String(n);
    }
    if (progress) {
      progress.value = n;
      progress.textContent = n + ' of ' + maxTurns;
    }
  }

  function setBusy(on) {
    busy = on;
    sendButton.disabled = on;
    textarea.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  function setEnded(info) {
    ended = true;
    setTyping(false);
    composer.hidden = true;
    endedBanner.hidden = false;
    // the call is over: nothing left to switch or end
    Array.prototype.forEach.call(root.querySelectorAll('[data-persona-form], [data-end-form]'), function (form) {
      form.hidden = true;
    });
    var endingName = endedBanner.querySelector('[data-ending-name]');
    if (endingName && info && info.ending) {
      endingName.textContent = ': ' + humanize(info.ending);
    }
    var link = endedBanner.querySelector('a');
    if (link) {
      link.focus();
    }
  }

  // ---------- the reply, as it streams and when it is complete ----------

  function replyBubble(turn) {
    var li = findMessage('prospect', turn);
    if (!li) {
      li = message('prospect', turn, '');
      chat.appendChild(li);
    }
    return li;
  }

  function appendToken(turn, text) {
    if (!findMessage('rep', turn)) {
      return; // a turn sent from another tab: the transcript fetch after its reply shows it
    }
    var li = replyBubble(turn);
    if (li.hasAttribute('data-final')) {
      return; // a piece that arrived after the committed reply: the reply stands
    }
    li.classList.add('msg-streaming');
    li.setAttribute('aria-busy', 'true');
    setTyping(false);
    var p = li.querySelector('.msg-text');
    p.appendChild(document.createTextNode(text));
    scrollToEnd();
  }

  function restartReply(turn) {
    var li = findMessage('prospect', turn);
    if (li && !li.hasAttribute('data-final')) {
      li.querySelector('.msg-text').textContent = '';
    }
  }

  function finishReply(turn, text) {
    var rep = findMessage('rep', turn);
    if (!rep) {
      reconcile();
      return;
    }
    rep.classList.remove('msg-pending', 'msg-failed');
    var li = replyBubble(turn);
    li.classList.remove('msg-streaming');
    li.removeAttribute('aria-busy');
    li.setAttribute('data-final', '');
    li.querySelector('.msg-text').textContent = text || '';
    setTyping(false);
    if (turn > turnsUsed) {
      setCount(turn);
    }
    scrollToEnd();
  }

  // ---------- trainer preview: what the engine decided ----------

  function renderInspection(turn) {
    if (!inspector || !turn) {
      return;
    }
    var empty = inspector.querySelector('[data-inspector-empty]');
    if (empty) {
      empty.remove();
    }
    var li = el('li', 'inspector-turn');
    var title = el('p', 'inspector-title', 'Turn ' + turn.number);
    if (turn.nodeAfter) {
      var node = el('span', 'muted small', ' → ');
      node.appendChild(el('code', null, turn.nodeAfter));
      title.appendChild(node);
    }
    li.appendChild(title);

    li.appendChild(el('p', 'inspector-label', 'Matched intents'));
    var intents = el('ul', 'chips');
    (turn.intents || []).forEach(function (intent) {
      var chip = el('li', 'chip', intent.id);
      var pct = typeof intent.similarity === 'number' ? ' ' + Math.round(intent.similarity * 100) + '%' : '';
      chip.appendChild(el('span', 'muted', (intent.via || '') + pct));
      intents.appendChild(chip);
    });
    if (!intents.children.length) {
      intents.appendChild(el('li', 'chip chip-muted', 'none'));
    }
    li.appendChild(intents);

    li.appendChild(el('p', 'inspector-label', 'Moves'));
    var moves = el('ul', 'moves');
    (turn.moves || []).forEach(function (move) {
      var label = move.label || String(move);
      var cls = label.indexOf('pressure.') === 0 ? 'move move-pressure'
        : label === 'dtr_ask' ? 'move move-ask'
          : GOOD_MOVES.indexOf(label) >= 0 ? 'move move-good' : 'move';
      var chip = el('li', cls, MOVE_LABELS[label] || humanize(label));
      if (typeof move.confidence === 'number') {
        chip.title = Math.round(move.confidence * 100) + '% confidence';
      }
      moves.appendChild(chip);
    });
    if (!moves.children.length) {
      moves.appendChild(el('li', 'move move-none', 'No move recognised'));
    }
    li.appendChild(moves);

    var after = turn.stateAfter || {};
    var before = turn.stateBefore || {};
    li.appendChild(el('p', 'inspector-label', 'State after'));
    var chips = el('ul', 'state-chips');
    Object.keys(after).forEach(function (key) {
      var chip = el('li', null, humanize(key) + ' ');
      chip.appendChild(el('strong', null, after[key]));
      var d = Math.round(after[key]) - Math.round(before[key]);
      if (typeof before[key] === 'number' && d !== 0) {
        chip.appendChild(el('span', 'delta', ' ' + (d > 0 ? '+' + d : '\u2212' + Math.abs(d))));
      }
      chips.appendChild(chip);
    });
    li.appendChild(chips);
    updateStateTable(after);
    updateNode(turn.nodeAfter);

    if (turn.revealed && turn.revealed.length) {
      li.appendChild(el('p', 'inspector-label', 'Revealed'));
      var facts = el('ul', 'chips');
      turn.revealed.forEach(function (fact) {
        facts.appendChild(el('li', 'chip chip-good', fact.id || fact));
      });
      li.appendChild(facts);
    }
    if (turn.ending) {
      li.appendChild(el('p', 'inspector-label', 'Ending'));
      var p = el('p');
      p.appendChild(el('span', 'badge badge-ok', turn.ending));
      li.appendChild(p);
    }
    inspector.appendChild(li);
    inspector.scrollTop = inspector.scrollHeight;
  }

  /** The state panel's "Node:" follows the conversation: the node the last turn left it in. */
  function updateNode(node) {
    var code = root.querySelector('[data-node]');
    if (code && node) {
      code.textContent = node;
    }
  }

  function updateStateTable(state) {
    if (!stateTable) {
      return;
    }
    Object.keys(state).forEach(function (key) {
      var row = stateTable.querySelector('[data-var="' + CSS.escape(key) + '"]');
      if (!row) {
        row = el('div');
        row.setAttribute('data-var', key);
        row.appendChild(el('dt', null, humanize(key)));
        row.appendChild(el('dd'));
        stateTable.appendChild(row);
      }
      var dd = row.querySelector('dd');
      var changed = dd.textContent !== String(state[key]);
      dd.textContent = String(state[key]);
      row.classList.toggle('is-changed', changed);
    });
  }

  // ---------- talking to the server ----------

  function request(url, options) {
    var headers = { 'Accept': 'application/json' };
    if (options && options.body) {
      headers['Content-Type'] = 'application/json';
      headers[csrfHeader] = csrf;
    }
    return fetch(url, {
      method: options && options.method || 'GET',
      headers: headers,
      body: options && options.body,
      credentials: 'same-origin',
      cache: 'no-store'
    }).then(function (response) {
      // a server that rotates its token sends the next one back in the same header
      var next = response.headers.get(csrfHeader);
      if (next) {
        csrf = next;
      }
      return response;
    });
  }

  function errorMessage(response) {
    return response.json().then(function (body) {
      return body && body.error ? String(body.error) : 'The server could not take that turn (' + response.status + ').';
    }, function () {
      return 'The server could not take that turn (' + response.status + ').';
    });
  }

  /** Rebuild the chat from the server's transcript: the server is the truth after a reload or a lost response. */
  function reconcile() {
    if (!data.transcriptUrl) {
      return Promise.resolve(null);
    }
    return request(data.transcriptUrl).then(function (response) {
      if (!response.ok) {
        throw new Error('transcript ' + response.status);
      }
      return response.json();
    }).then(function (transcript) {
      var turns = transcript.turns || [];
      var fragment = document.createDocumentFragment();
      if (transcript.opening) {
        fragment.appendChild(message('prospect', 0, transcript.opening));
      }
      turns.forEach(function (turn) {
        fragment.appendChild(message('rep', turn.number, turn.rep));
        var said = turn.prospect || turn.reply; // report turns say "prospect", the transcript "reply"
        if (said) {
          var reply = message('prospect', turn.number, said);
          reply.setAttribute('data-final', '');
          fragment.appendChild(reply);
        }
      });
      while (chat.firstChild) {
        chat.removeChild(chat.firstChild);
      }
      chat.appendChild(fragment);
      setCount(turns.length);
      scrollToEnd();
      var status = transcript.status || (transcript.session && transcript.session.status);
      if (status === 'ended' || transcript.ended === true) {
        setEnded({ ending: transcript.ending || (transcript.session && transcript.session.ending) });
      }
      return transcript;
    });
  }

  function send(text) {
    if (busy || ended || !text) {
      return;
    }
    var turn = turnsUsed + 1;
    setBusy(true);
    setStatus('');
    var rep = message('rep', turn, text);
    rep.classList.add('msg-pending');
    chat.appendChild(rep);
    textarea.value = '';
    setTyping(true);

    var live = !!data.liveTurnsUrl;
    var body = live && streamId ? { text: text, stream: streamId } : { text: text };
    request(live ? data.liveTurnsUrl : data.turnsUrl, { method: 'POST', body: JSON.stringify(body) })
      .then(function (response) {
        if (response.ok) {
          return response.json().then(function (result) {
            finishReply(turn, result.reply);
            if (result.notice) {
              setStatus(result.notice, true);
            }
            setCount(Math.max(turn, turnsUsed));
            if (isPreview) {
              // the engine's view of the turn: "analysis" (a core Turn), or "turn" when it is an object
              renderInspection(result.analysis || (typeof result.turn === 'object' ? result.turn : null));
            }
            if (result.ended) {
              setEnded(result);
            }
          });
        }
        if (response.status === 409) {
          return reconcile().then(function () { setEnded({}); });
        }
        if (response.status === 401) {
          rep.classList.add('msg-failed');
          textarea.value = text;
          setStatus('Your sign-in has expired. Reload the page and sign in again; the conversation so far is saved.');
          return null;
        }
        return errorMessage(response).then(function (msg) {
          rep.remove();
          var partial = findMessage('prospect', turn);
          if (partial) {
            partial.remove();
          }
          textarea.value = text;
          setStatus(msg);
        });
      })
      .catch(function () {
        // The network failed: the turn may or may not have been committed. Ask the server.
        return reconcile().then(function (transcript) {
          var turns = transcript && transcript.turns || [];
          var saved = turns.some(function (t) { return t.number === turn; });
          if (!saved) {
            textarea.value = text;
            setStatus('Connection lost — your line was not sent. Check your connection and press Send again.');
          }
        }, function () {
          rep.classList.add('msg-failed');
          textarea.value = text;
          setStatus('Connection lost — your line may not have been sent. Reload the page to see where the conversation stands.');
        });
      })
      .then(function () {
        setBusy(false);
        if (!ended) {
          setTyping(false);
          if (!smallScreen) {
            textarea.focus();
          }
        }
      });
  }

  // ---------- live events ----------

  function parse(event) {
    try {
      return JSON.parse(event.data);
    } catch (e) {
      return null;
    }
  }

  function connect() {
    if (!data.eventsUrl || !window.EventSource || ended) {
      return;
    }
    var source = new EventSource(data.eventsUrl, { withCredentials: true });
    source.addEventListener('open', function () {
      if (statusLine.classList.contains('is-info')) {
        setStatus('');
      }
    });
    source.addEventListener('typing', function (event) {
      var payload = parse(event);
      // a late "typing" for a turn already answered must not leave the indicator on
      if (!payload || !payload.turn || payload.turn > turnsUsed) {
        setTyping(true);
      }
    });
    source.addEventListener('hello', function (event) {
      var payload = parse(event);
      streamId = payload && typeof payload.stream === 'string' ? payload.stream : null;
      root.setAttribute('data-live', streamId ? 'connected' : 'off');
    });
    source.addEventListener('token', function (event) {
      var payload = parse(event);
      if (payload && typeof payload.text === 'string') {
        appendToken(payload.turn, payload.text);
      }
    });
    source.addEventListener('restart', function (event) {
      var payload = parse(event);
      if (payload && payload.turn) {
        restartReply(payload.turn);
      }
    });
    source.addEventListener('reply', function (event) {
      var payload = parse(event);
      if (payload) {
        finishReply(payload.turn, payload.text);
        if (payload.ended) {
          setEnded(payload);
        }
      }
    });
    source.addEventListener('ended', function (event) {
      setEnded(parse(event) || {});
      source.close();
    });
    source.addEventListener('error', function () {
      streamId = null;
      root.setAttribute('data-live', 'off');
      if (source.readyState === EventSource.CLOSED) {
        setStatus('Live updates are off; replies will still appear when they are ready.', true);
      } else if (!ended) {
        setStatus('Reconnecting…', true);
      }
    });
  }

  // ---------- wiring ----------

  composer.addEventListener('submit', function (event) {
    event.preventDefault();
    send(textarea.value.trim());
  });
  textarea.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send(textarea.value.trim());
    }
  });

  if (smallScreen) {
    // on a phone the brief sits above the chat: start it folded so the conversation is in view
    var brief = root.querySelector('.practice-side details[open]');
    if (brief) {
      brief.open = false;
    }
  }

  if (ended) {
    composer.hidden = true;
  } else {
    reconcile().catch(function () { /* the server-rendered transcript stands */ }).then(function () {
      scrollToEnd();
      connect();
    });
    if (!smallScreen) {
      textarea.focus(); // not on a phone: the keyboard would cover the conversation
    }
  }
  scrollToEnd();
}());
