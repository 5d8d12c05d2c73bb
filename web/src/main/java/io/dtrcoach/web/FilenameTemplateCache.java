package io.dtrcoach.web;

import com.github.jknack.handlebars.Parser;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.cache.TemplateCache;
import com.github.jknack.handlebars.io.TemplateSource;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Compiled partials, keyed by file name. Vert.x's template loader hands out a fresh {@link TemplateSource}
 * on every lookup (identity equality, "last modified" = now), so Handlebars' own
 * {@code ConcurrentMapTemplateCache} would never hit and would grow without bound. Without any cache,
 * every render would read and parse each partial again, blocking, on the event loop.
 */
final class FilenameTemplateCache implements TemplateCache {

    private final ConcurrentMap<String, Template> templates = new ConcurrentHashMap<>();

    @Override
    public void clear() {
        templates.clear();
    }

    @Override
    public void evict(TemplateSource source) {
        templates.remove(source.filename());
    }

    @Override
    public Template get(TemplateSource source, Parser parser) throws IOException {
        // get-then-put, not computeIfAbsent: parsing may come back here for nested partials, and a racing
        // double parse of the same file is harmless.
        Template cached = templates.get(source.filename());
        if (cached != null) {
            return cached;
        }
        Template parsed = parser.parse(source);
        Template raced = templates.putIfAbsent(source.filename(), parsed);
        return raced != null ? raced : parsed;
    }

    @Override
    public TemplateCache setReload(boolean reload) {
        return this;
    }
}
