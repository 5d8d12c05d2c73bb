package io.dtrcoach.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.templ.handlebars.HandlebarsTemplateEngine;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes every page, rendered from the sample view models, to {@code target/preview/*.html} with the
 * static files beside them, so the look can be opened or screenshotted from disk
 * ({@code chromium --headless --screenshot … file:///…/target/preview/report.html}).
 */
@ExtendWith(VertxExtension.class)
class PreviewPagesTest {

    static final Path OUT = Path.of("target", "preview");

    @Test
    void should_write_every_page_with_its_css_for_review(Vertx vertx) throws IOException {
        HandlebarsTemplateEngine engine = SampleViews.engine(vertx);
        Map<String, JsonObject> pages = new LinkedHashMap<>();
        for (String page : WebTemplates.PAGES) {
            pages.put(page, SampleViews.page(page));
        }
        pages.put("report-manager", SampleViews.page("report").put("canReview", true).put("canRetry", false)
                .put("user", SampleViews.user("manager")).put("active", "team")
                .put("overrides", new io.vertx.core.json.JsonArray().add(new JsonObject().put("dimension", "outcome")
                        .put("originalScore", 60).put("score", 72).put("author", "Maria Ortiz")
                        .put("at", "2026-11-26T16:45:00Z")
                        .put("reason", "A dated next step was agreed; the classifier missed it."))));

        Files.createDirectories(OUT.resolve("static"));
        for (String file : new String[]{"app.css", "practice.js", "favicon.svg"}) {
            try (InputStream in = getClass().getResourceAsStream("/" + WebTemplates.STATIC_ROOT + "/" + file)) {
                assertThat(in).as(file).isNotNull();
                Files.copy(in, OUT.resolve("static").resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (Map.Entry<String, JsonObject> page : pages.entrySet()) {
            String template = page.getKey().startsWith("report") ? "report" : page.getKey();
            String html = SampleViews.render(engine, template, page.getValue())
                    .replace("\"/static/", "\"static/");
            Files.writeString(OUT.resolve(page.getKey() + ".html"), html, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(OUT.resolve("report.html"))).contains("href=\"static/app.css\"");
    }
}
