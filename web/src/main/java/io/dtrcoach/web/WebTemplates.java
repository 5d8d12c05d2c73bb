package io.dtrcoach.web;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.ValueResolver;
import com.github.jknack.handlebars.helper.ConditionalHelpers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.templ.handlebars.HandlebarsTemplateEngine;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The one place that knows how the browser's pages are rendered. The server calls
 * {@link #createEngine(Vertx, boolean, ZoneId)} once at start-up and renders pages by name:
 *
 * <pre>{@code
 * HandlebarsTemplateEngine engine = WebTemplates.createEngine(vertx, config.dev(), ZoneId.of("UTC"));
 * engine.render(model, WebTemplates.page("report"))    // -> Future<Buffer>
 * router.route("/static/*").handler(StaticHandler.create(WebTemplates.STATIC_ROOT));
 * }</pre>
 *
 * <p>The view model each page expects is documented in {@code web/VIEWS.md}.
 */
public final class WebTemplates {

    /** Classpath directory of the pages; partials live in {@code partials/} below it. */
    public static final String TEMPLATE_ROOT = "web/templates/";
    /** Classpath directory to serve under {@code /static/}. */
    public static final String STATIC_ROOT = "web/static";
    /** Form field every POST form carries; the value is the view model's {@code csrf}. */
    public static final String CSRF_FIELD = "_csrf";
    /** Header the page scripts send the same token in (from {@code <meta name="csrf-token">}). */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Every top-level page, by the name {@link #page(String)} takes. */
    public static final List<String> PAGES = List.of("login", "catalogue", "practice", "report", "history", "team",
            "library", "preview", "admin", "user", "account", "error", "assignments", "progress", "edit", "funnel");

    private WebTemplates() {
    }

    /**
     * The single Handlebars engine, with every helper registered.
     *
     * @param development true: nothing is cached, so an edited template shows on the next request (serve the
     *                    templates from the source tree and start with {@code -Dvertx.disableFileCaching=true});
     *                    false: pages and partials are compiled once
     * @param zone        the zone dates are shown in
     */
    public static HandlebarsTemplateEngine createEngine(Vertx vertx, boolean development, ZoneId zone) {
        HandlebarsTemplateEngine engine = HandlebarsTemplateEngine.create(vertx);
        Handlebars handlebars = engine.unwrap();
        configure(handlebars, zone);
        if (development) {
            return new UncachedEngine(engine);
        }
        handlebars.with(new FilenameTemplateCache());
        return engine;
    }

    /** Registers every helper the templates use. Safe to call on any {@link Handlebars}. */
    public static Handlebars configure(Handlebars handlebars, ZoneId zone) {
        for (ConditionalHelpers helper : ConditionalHelpers.values()) {
            handlebars.registerHelper(helper.name(), helper);
        }
        TextHelpers.register(handlebars, zone);
        handlebars.registerHelper(TimelineChart.NAME, new TimelineChart());
        handlebars.registerHelper(TrendChart.NAME, new TrendChart(zone));
        handlebars.registerHelper(Heatmap.NAME, new Heatmap());
        handlebars.registerHelper(ScoreGraphics.Gauge.NAME, new ScoreGraphics.Gauge());
        handlebars.registerHelper(ScoreGraphics.Bar.NAME, new ScoreGraphics.Bar());
        // A missing value renders as nothing (mustache rules), but a missing *helper* (a name followed by
        // arguments) is a template bug that should fail loudly in tests, not print an empty string.
        handlebars.registerHelperMissing((context, options) -> {
            // Handlebars.java passes a helper's first argument as the context, and the current context
            // when there is none: {{missing}} → (model, no params); {{typo 72}} → (72, …).
            boolean hasArguments = context != options.context.model() || options.params.length > 0
                    || !options.hash.isEmpty();
            if (hasArguments) {
                throw new IllegalStateException("unknown helper '" + options.helperName + "'");
            }
            return "";
        });
        return handlebars;
    }

    /** {@code page("report")} → the template path to pass to {@code render}. */
    public static String page(String name) {
        if (!PAGES.contains(name)) {
            throw new IllegalArgumentException("no such page: " + name);
        }
        return TEMPLATE_ROOT + name + ".hbs";
    }

    /** Development mode: forget every compiled page and partial before each render. */
    private static final class UncachedEngine implements HandlebarsTemplateEngine {
        private final HandlebarsTemplateEngine delegate;

        UncachedEngine(HandlebarsTemplateEngine delegate) {
            this.delegate = delegate;
        }

        @Override
        public Future<Buffer> render(Map<String, Object> context, String templateFileName) {
            delegate.clearCache();
            delegate.unwrap().getCache().clear();
            return delegate.render(context, templateFileName);
        }

        @Override
        public void clearCache() {
            delegate.clearCache();
        }

        @Override
        public HandlebarsTemplateEngine setResolvers(ValueResolver... resolvers) {
            delegate.setResolvers(resolvers);
            return this;
        }

        @Override
        public Handlebars unwrap() {
            return delegate.unwrap();
        }
    }
}
