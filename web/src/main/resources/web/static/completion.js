/*
 * Completion in the trainer's scenario editor, driven by the scenario JSON Schema the server serves from its
 * classpath. The key path at the cursor is worked out from the indentation of the lines above (list items "- "
 * included); the schema is walked along it ($ref, allOf/anyOf/oneOf, properties, additionalProperties, items) and
 * offers the keys allowed there, or after "key: " the enum, const or boolean values. The list sits under the text
 * (role=listbox): Ctrl+Space or typing a new key at a line start opens it, arrows move, Enter or Tab inserts,
 * Escape closes.
 */
(function () {
  'use strict';
  var root = document.getElementById('editor');
  var list = root && root.querySelector('[data-completion]');
  if (!list) {
    return;
  }
  var text = root.querySelector('[data-editor-text]');
  var status = root.querySelector('[data-completion-status]');
  var ITEM = {};
  // A key being typed (or nothing yet) after the indentation and any "- ", and a value being typed after "key: ".
  var KEY_AT = /^( *)((?:-[ \t]+)*)([A-Za-z_][\w-]*)?$/;
  var VALUE_AT = /^( *)((?:-[ \t]+)*)([A-Za-z_][\w-]*):[ \t]+([\w.\/-]*)$/;
  // Any line's structure: indentation, "- " markers, and a "key:" if it has one.
  var LINE = /^( *)((?:-(?:[ \t]+|$))*)(?:([A-Za-z_][\w-]*|"[^"\n]*"|'[^'\n]*')[ \t]*:(?:[ \t]|$))?/;
  var schema = null;
  var items = [];
  var active = 0;
  var from = 0;

  fetch(root.getAttribute('data-schema-url'), {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
    .then(function (r) {
      if (!r.ok) {
        throw new Error('The server answered ' + r.status);
      }
      return r.json();
    })
    .then(function (s) { schema = s; })
    .catch(function (e) {
      var hint = document.getElementById('completion-hint');
      if (hint) {
        hint.textContent = 'Suggestions are unavailable: ' + e.message;
      }
    });

  function pointer(ref) {
    if (typeof ref !== 'string' || ref.charAt(0) !== '#') {
      return null;
    }
    return ref.slice(1).split('/').slice(1).reduce(function (node, part) {
      return node == null ? null : node[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')];
    }, schema);
  }

  /** The schema and every alternative or reference it stands for. */
  function expand(s, out) {
    if (!s || typeof s !== 'object' || out.length > 200) {
      return out;
    }
    out.push(s);
    if (s.$ref) {
      expand(pointer(s.$ref), out);
    }
    ['allOf', 'anyOf', 'oneOf'].forEach(function (k) {
      (s[k] || []).forEach(function (x) { expand(x, out); });
    });
    ['then', 'else'].forEach(function (k) { expand(s[k], out); });
    return out;
  }

  function step(schemas, segment) {
    var out = [];
    schemas.forEach(function (s) {
      if (segment === ITEM) {
        if (s.items && typeof s.items === 'object') {
          expand(s.items, out);
        }
      } else if (s.properties && s.properties[segment]) {
        expand(s.properties[segment], out);
      } else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        expand(s.additionalProperties, out);
      }
    });
    return out;
  }

  function describe(s) {
    var d = expand(s, []).filter(function (x) { return typeof x.description === 'string'; })[0];
    return d ? d.description : '';
  }

  function keysOf(schemas, present) {
    var seen = {};
    var required = {};
    var out = [];
    schemas.forEach(function (s) {
      (s.required || []).forEach(function (k) { required[k] = true; });
    });
    schemas.forEach(function (s) {
      Object.keys(s.properties || {}).forEach(function (k) {
        if (!seen[k] && !present[k]) {
          seen[k] = true;
          out.push({label: k, insert: k + ': ', note: (required[k] ? 'required · ' : '') + describe(s.properties[k]),
            key: true});
        }
      });
    });
    return out;
  }

  function valuesOf(schemas) {
    var seen = {};
    var out = [];
    function add(v, note) {
      if ((typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && !seen[String(v)]) {
        seen[String(v)] = true;
        out.push({label: String(v), insert: String(v), note: note || ''});
      }
    }
    schemas.forEach(function (s) {
      (s.enum || []).forEach(function (v) { add(v, s.description); });
      if ('const' in s) {
        add(s['const'], s.description);
      }
      if (s.type === 'boolean') {
        add(true);
        add(false);
      }
    });
    return out;
  }

  function parse(line) {
    if (/^\s*(#.*)?$/.test(line)) {
      return null;
    }
    var m = LINE.exec(line);
    var dashes = [];
    for (var i = 0; i < m[2].length; i++) {
      if (m[2].charAt(i) === '-') {
        dashes.push(m[1].length + i);
      }
    }
    var key = m[3] ? m[3].replace(/^["']|["']$/g, '') : null;
    return {key: key, keyCol: m[1].length + m[2].length, dashes: dashes,
      start: dashes.length ? dashes[0] : m[1].length};
  }

  /** The keys already written at column col in the mapping around line at (so they are not offered twice). */
  function present(lines, at, col, isItemStart) {
    var keys = {};
    var i;
    for (i = at - 1; i >= 0 && !isItemStart; i--) {
      var up = parse(lines[i]);
      if (!up) {
        continue;
      }
      if (up.key && up.keyCol === col) {
        keys[up.key] = true;
      }
      if (up.start < col) {
        break;
      }
    }
    for (i = at + 1; i < lines.length; i++) {
      var down = parse(lines[i]);
      if (!down) {
        continue;
      }
      if (down.start < col) {
        break;
      }
      if (down.key && down.keyCol === col) {
        keys[down.key] = true;
      }
    }
    return keys;
  }

  /** What the cursor is on: a key (or a value after "key: ") being typed, the key path to it, what is typed. */
  function contextAt(value, pos) {
    var start = value.lastIndexOf('\n', pos - 1) + 1;
    var prefix = value.slice(start, pos);
    var v = VALUE_AT.exec(prefix);
    var m = v || KEY_AT.exec(prefix);
    if (!m) {
      return null;
    }
    var lines = value.split('\n');
    var at = value.slice(0, start).split('\n').length - 1;
    var path = [];
    var dashCount = (m[2].match(/-/g) || []).length;
    for (var d = 0; d < dashCount; d++) {
      path.push(ITEM);
    }
    var indent = m[1].length;
    var atOrBelow = dashCount > 0; // "key:" may be followed by "- " at its own column
    for (var i = at - 1; i >= 0 && (indent > 0 || atOrBelow); i--) {
      var l = parse(lines[i]);
      if (!l) {
        continue;
      }
      if (l.key && (l.keyCol < indent || (atOrBelow && l.keyCol === indent && !l.dashes.length))) {
        path.push(l.key);
        indent = l.keyCol;
        atOrBelow = false;
      }
      for (var j = l.dashes.length - 1; j >= 0; j--) {
        if (l.dashes[j] < indent) {
          path.push(ITEM);
          indent = l.dashes[j];
          atOrBelow = true;
        }
      }
    }
    path.reverse();
    var col = m[1].length + m[2].length;
    return v ? {kind: 'value', path: path.concat([v[3]]), typed: v[4]}
      : {kind: 'key', path: path, typed: m[3] || '', present: present(lines, at, col, dashCount > 0)};
  }

  function optionsAt(ctx) {
    var schemas = ctx.path.reduce(step, expand(schema, []));
    var all = ctx.kind === 'key' ? keysOf(schemas, ctx.present) : valuesOf(schemas);
    var typed = ctx.typed.toLowerCase();
    return all.filter(function (o) { return o.label.toLowerCase().indexOf(typed) === 0; });
  }

  function render() {
    list.textContent = '';
    items.forEach(function (o, i) {
      var li = document.createElement('li');
      li.id = 'completion-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', i === active ? 'true' : 'false');
      li.setAttribute('data-option', o.label);
      var name = document.createElement('span');
      name.className = 'completion-name';
      name.textContent = o.label;
      li.appendChild(name);
      if (o.note) {
        var note = document.createElement('span');
        note.className = 'completion-note';
        note.textContent = o.note;
        li.appendChild(note);
      }
      li.addEventListener('mousedown', function (e) { e.preventDefault(); });
      li.addEventListener('click', function () { insert(i); });
      list.appendChild(li);
    });
    list.hidden = false;
    text.setAttribute('aria-expanded', 'true');
    text.setAttribute('aria-activedescendant', 'completion-' + active);
    var current = list.children[active];
    if (current && current.scrollIntoView) {
      current.scrollIntoView({block: 'nearest'});
    }
  }

  function close() {
    items = [];
    list.hidden = true;
    list.textContent = '';
    text.setAttribute('aria-expanded', 'false');
    text.removeAttribute('aria-activedescendant');
  }

  /** Offers what fits at the cursor; asked for with Ctrl+Space, it also says when nothing does. */
  function suggest(asked) {
    var pos = text.selectionStart;
    var ctx = schema && pos === text.selectionEnd ? contextAt(text.value, pos) : null;
    items = ctx ? optionsAt(ctx) : [];
    status.textContent = asked && !items.length
      ? (schema ? 'The schema suggests nothing here.' : 'The schema has not loaded yet.') : '';
    if (!items.length) {
      close();
      return;
    }
    from = pos - ctx.typed.length;
    active = 0;
    render();
  }

  function insert(i) {
    var o = items[i];
    text.focus();
    text.setRangeText(o.insert, from, text.selectionStart, 'end');
    close();
    text.dispatchEvent(new Event('input', {bubbles: true}));
    if (o.key) { // straight on to the values, where the schema names them
      suggest();
    }
  }

  text.addEventListener('keydown', function (e) {
    if (e.ctrlKey && (e.key === ' ' || e.code === 'Space')) {
      e.preventDefault();
      suggest(true);
      return;
    }
    if (list.hidden) {
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      render();
    } else if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && !e.ctrlKey && !e.altKey) {
      e.preventDefault();
      insert(active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      close();
    }
  });
  text.addEventListener('input', function (e) {
    if (!list.hidden) {
      suggest();
      return;
    }
    if (e.inputType === 'insertText' && schema) {
      var ctx = contextAt(text.value, text.selectionStart);
      if (ctx && ctx.kind === 'key' && ctx.typed.length > 0) {
        suggest();
      }
    }
  });
  text.addEventListener('click', close);
  text.addEventListener('blur', close);
}());
