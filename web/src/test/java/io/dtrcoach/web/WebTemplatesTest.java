package io.dtrcoach.web;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.ext.web.templ.handlebars.HandlebarsTemplateEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebTemplatesTest {

    private Vertx vertx;
    private Path page;
    private Path partial;

    @BeforeEach
    void setUp() throws IOException, URISyntaxException {
        // as in development: read templates from disk every time rather than from Vert.x's file cache
        vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)));
        Path templates = Path.of(getClass().getResource("/web/templates/error.hbs").toURI()).getParent();
        page = templates.resolve("_edit-check.hbs");
        partial = templates.resolve("partials/_edit-check-part.hbs");
        Files.writeString(page, "page v1 {{> partials/_edit-check-part}}", StandardCharsets.UTF_8);
        Files.writeString(partial, "partial v1", StandardCharsets.UTF_8);
    }

    @AfterEach
    void tearDown() throws IOException {
        Files.deleteIfExists(page);
        Files.deleteIfExists(partial);
        vertx.close().await();
    }

    private String render(HandlebarsTemplateEngine engine) {
        return engine.render(Map.of(), "web/templates/_edit-check.hbs").await().toString(StandardCharsets.UTF_8);
    }

    @Test
    void should_show_edited_pages_and_partials_at_once_in_development() throws IOException {
        HandlebarsTemplateEngine engine = WebTemplates.createEngine(vertx, true, ZoneOffset.UTC);
        assertThat(render(engine)).isEqualTo("page v1 partial v1");
        Files.writeString(partial, "partial v2", StandardCharsets.UTF_8);
        Files.writeString(page, "page v2 {{> partials/_edit-check-part}}", StandardCharsets.UTF_8);
        assertThat(render(engine)).isEqualTo("page v2 partial v2");
    }

    @Test
    void should_compile_pages_and_partials_once_in_production() throws IOException {
        HandlebarsTemplateEngine engine = WebTemplates.createEngine(vertx, false, ZoneOffset.UTC);
        assertThat(render(engine)).isEqualTo("page v1 partial v1");
        Files.writeString(partial, "partial v2", StandardCharsets.UTF_8);
        Files.writeString(page, "page v2 {{> partials/_edit-check-part}}", StandardCharsets.UTF_8);
        assertThat(render(engine)).isEqualTo("page v1 partial v1");
    }

    @Test
    void should_name_only_known_pages() {
        assertThat(WebTemplates.page("report")).isEqualTo("web/templates/report.hbs");
        assertThatThrownBy(() -> WebTemplates.page("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_fail_loudly_on_an_unknown_helper_but_render_a_missing_value_as_nothing() throws IOException {
        Handlebars handlebars = WebTemplates.configure(new Handlebars(), ZoneOffset.UTC);
        assertThat(handlebars.compileInline("[{{missing}}][{{missing.deeper}}]").apply(Map.of())).isEqualTo("[][]");
        assertThatThrownBy(() -> handlebars.compileInline("{{scroe 72}}").apply(Map.of()))
                .isInstanceOf(HandlebarsException.class).hasMessageContaining("unknown helper 'scroe'");
    }

    @Test
    void should_format_values_through_the_text_helpers() throws IOException {
        Handlebars handlebars = WebTemplates.configure(new Handlebars(), ZoneOffset.UTC);
        String out = handlebars.compileInline(
                "{{round 72.5}}|{{asPercent 0.434}}|{{formatDate at}}|{{formatDate at format=\"d MMM\"}}|{{isoDate at}}|"
                        + "{{moveLabel \"pressure.false_urgency\"}}|{{moveClass \"dtr_ask\"}}|{{humanize \"no_sale\"}}|"
                        + "{{plural 1 \"turn\"}}|{{plural 3 \"turn\"}}|{{initials \"maria ortiz\"}}|{{delta 51 66}}|{{delta 5 5}}|"
                        + "{{#eq id \"3\"}}same{{/eq}}|{{scoreClass 69 pass=70}}|{{scoreClass 49 pass=70}}|{{formatDate \"soon\"}}")
                .apply(Map.of("at", "2026-11-26T14:05:00Z", "id", 3));
        assertThat(out).isEqualTo("73|43%|26 Nov 2026, 14:05|26 Nov|2026-11-26T14:05:00Z|False urgency|move move-ask|"
                + "No sale|1 turn|3 turns|MO|\u221215||same|score-ok|score-low|soon");
    }

    @Test
    void should_escape_text_helper_output_like_any_value() throws IOException {
        Handlebars handlebars = WebTemplates.configure(new Handlebars(), ZoneOffset.UTC);
        assertThat(handlebars.compileInline("{{humanize x}}|{{formatDate x}}|{{concat x \"!\"}}")
                .apply(Map.of("x", "<b>x</b>")))
                .doesNotContain("<b>").contains("&lt;b&gt;");
    }
}
