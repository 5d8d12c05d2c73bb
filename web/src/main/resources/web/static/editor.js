/*
 * The trainer's scenario editor. As the trainer types, the text is sent (debounced) to the server's linter and its
 * problems are listed beside the text, each with line:col (a click selects that line). "Run tests" sends the text
 * to the scenario's own tests and lists the results. Publishing is the page's plain form. Everything the server
 * says is put in as text, never as markup.
 */
(function () {
  'use strict';
  var root = document.getElementById('editor');
  if (!root) {
    return;
  }
  var text = root.querySelector('[data-editor-text]');
  var lintList = root.querySelector('[data-lint-list]');
  var lintStatus = root.querySelector('[data-lint-status]');
  var testsList = root.querySelector('[data-tests-list]');
  var testsStatus = root.querySelector('[data-tests-status]');
  var runTests = root.querySelector('[data-run-tests]');
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute('content') : '';
  var headerMeta = document.querySelector('meta[name="csrf-header"]');
  var csrfHeader = headerMeta && headerMeta.getAttribute('content') || 'X-CSRF-Token';
  var timer = null;
  var sent = 0;

  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (content != null) {
      e.textContent = content;
    }
    return e;
  }

  function post(url) {
    var headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
    headers[csrfHeader] = csrf;
    return fetch(url, {method: 'POST', credentials: 'same-origin', headers: headers,
      body: JSON.stringify({text: text.value, file: root.getAttribute('data-file')})})
      .then(function (r) {
        var next = r.headers.get(csrfHeader);
        if (next) {
          csrf = next;
        }
        return r.json().then(function (body) {
          if (!r.ok) {
            throw new Error(body && body.error || ('The server answered ' + r.status));
          }
          return body;
        });
      });
  }

  function selectLine(line) {
    var lines = text.value.split('\n');
    var start = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) {
      start += lines[i].length + 1;
    }
    var end = start + (lines[line - 1] || '').length;
    text.focus();
    text.setSelectionRange(start, end);
    var lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 18;
    text.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  function showProblems(problems) {
    lintList.textContent = '';
    problems.forEach(function (p) {
      var li = el('li', 'problem problem-' + p.severity);
      li.setAttribute('data-problem', '');
      var at = el('button', 'location', p.line + ':' + p.column);
      at.type = 'button';
      at.setAttribute('aria-label', 'Go to line ' + p.line + ', column ' + p.column);
      at.addEventListener('click', function () { selectLine(p.line); });
      li.appendChild(at);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(el('span', 'badge ' + (p.severity === 'error' ? 'badge-error' : 'badge-warn'),
        p.severity));
      li.appendChild(document.createTextNode(' '));
      li.appendChild(el('span', 'problem-message', p.message));
      lintList.appendChild(li);
    });
    var errors = problems.filter(function (p) { return p.severity === 'error'; }).length;
    lintStatus.textContent = problems.length === 0 ? 'No problems.'
      : errors + (errors === 1 ? ' error' : ' errors') + ', ' + (problems.length - errors)
        + (problems.length - errors === 1 ? ' warning.' : ' warnings.');
    lintStatus.className = problems.length === 0 ? 'small lint-ok' : 'muted small';
  }

  function lint() {
    var mine = ++sent;
    lintStatus.textContent = 'Checking…';
    post(root.getAttribute('data-lint-url')).then(function (body) {
      if (mine === sent) {
        showProblems(body.problems);
      }
    }).catch(function (e) {
      if (mine === sent) {
        lintStatus.textContent = 'Could not check: ' + e.message;
      }
    });
  }

  function showTests(body) {
    testsList.textContent = '';
    if (!body.tests) {
      testsStatus.textContent = 'The text has errors, so its tests cannot run.';
      showProblems(body.problems);
      return;
    }
    var t = body.tests;
    testsStatus.textContent = t.total === 0 ? 'This scenario has no tests.'
      : t.failed === 0 ? 'All ' + t.total + ' tests pass.' : t.failed + ' of ' + t.total + ' tests fail.';
    t.results.forEach(function (r) {
      var li = el('li', 'test ' + (r.passed ? 'test-pass' : 'test-fail'));
      li.setAttribute('data-test', r.passed ? 'pass' : 'fail');
      li.appendChild(el('span', 'test-icon', r.passed ? '✓' : '✕')).setAttribute('aria-hidden', 'true');
      li.appendChild(el('span', 'visually-hidden', r.passed ? 'Passed:' : 'Failed:'));
      li.appendChild(el('span', null, ' ' + r.name));
      if (r.failures.length) {
        var ul = el('ul', 'failures');
        r.failures.forEach(function (f) {
          var fl = el('li');
          fl.appendChild(el('code', 'location', f.location));
          fl.appendChild(document.createTextNode(' ' + f.message));
          ul.appendChild(fl);
        });
        li.appendChild(ul);
      }
      testsList.appendChild(li);
    });
  }

  text.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(lint, 400);
  });
  runTests.addEventListener('click', function () {
    runTests.disabled = true;
    testsStatus.textContent = 'Running tests…';
    post(root.getAttribute('data-tests-url')).then(showTests).catch(function (e) {
      testsStatus.textContent = 'Could not run the tests: ' + e.message;
    }).then(function () { runTests.disabled = false; });
  });
  lint();
}());
