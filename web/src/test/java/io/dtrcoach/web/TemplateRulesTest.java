package io.dtrcoach.web;

import com.github.jknack.handlebars.Handlebars;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Source-level rules for everything the browser gets: escaping, CSP, CSRF, no external resources. */
class TemplateRulesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/web/templates");
    private static final Path STATIC = Path.of("src/main/resources/web/static");
    /** Only these helpers may be triple-stashed: they build their markup themselves and escape what they embed. */
    private static final Pattern ALLOWED_RAW = Pattern.compile(
            "\\{\\{\\{~?\\s*(timelineChart|trendChart|heatmapTable|scoreGauge|scoreBar)\\s");

    private static Map<Path, String> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".hbs"))
                    .collect(Collectors.toMap(p -> p, TemplateRulesTest::read));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void should_have_a_template_for_every_page_and_nothing_unlisted_at_the_top_level() throws IOException {
        Set<String> topLevel = templates().keySet().stream()
                .filter(p -> p.getParent().equals(TEMPLATES))
                .map(p -> p.getFileName().toString().replace(".hbs", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(topLevel).containsExactlyInAnyOrderElementsOf(WebTemplates.PAGES);
    }

    @Test
    void should_never_output_unescaped_values_except_through_the_svg_helpers() throws IOException {
        List<String> offences = new ArrayList<>();
        templates().forEach((path, text) -> {
            Matcher triple = Pattern.compile("\\{\\{\\{").matcher(text);
            while (triple.find()) {
                String from = text.substring(triple.start());
                if (!ALLOWED_RAW.matcher(from).lookingAt()) {
                    offences.add(path + ": " + from.lines().findFirst().orElse(""));
                }
            }
            Matcher amp = Pattern.compile("\\{\\{~?\\s*&").matcher(text);
            while (amp.find()) {
                offences.add(path + ": {{& … }} is unescaped output");
            }
        });
        assertThat(offences).as("unescaped output").isEmpty();
    }

    @Test
    void should_keep_templates_free_of_inline_scripts_handlers_styles_and_external_resources() throws IOException {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=\"/static/)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern style = Pattern.compile("<style|\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern external = Pattern.compile("(?:src|href|action)\\s*=\\s*\"(?:https?:)?//", Pattern.CASE_INSENSITIVE);
        Pattern jsUrl = Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE);
        templates().forEach((path, text) -> {
            assertThat(inlineScript.matcher(text).find()).as(path + " inline or foreign script").isFalse();
            assertThat(handler.matcher(text).find()).as(path + " inline event handler").isFalse();
            assertThat(style.matcher(text).find()).as(path + " inline style").isFalse();
            assertThat(external.matcher(text).find()).as(path + " external resource").isFalse();
            assertThat(jsUrl.matcher(text).find()).as(path + " javascript: URL").isFalse();
        });
    }

    @Test
    void should_put_the_csrf_field_in_every_post_form() throws IOException {
        Pattern form = Pattern.compile("<form\\b[^>]*method=\"post\"[^>]*>(.*?)</form>",
                Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
        int forms = 0;
        for (Map.Entry<Path, String> t : templates().entrySet()) {
            Matcher m = form.matcher(t.getValue());
            while (m.find()) {
                forms++;
                assertThat(m.group(1)).as(t.getKey() + ": " + m.group().lines().findFirst().orElse(""))
                        .contains("{{> partials/csrf}}");
            }
        }
        assertThat(forms).isGreaterThan(10);
        assertThat(read(TEMPLATES.resolve("partials/csrf.hbs")))
                .contains(WebTemplates.CSRF_FIELD).contains("value=\"{{@root.csrf}}\"");
    }

    @Test
    void should_only_touch_the_dom_through_text_in_scripts() throws IOException {
        try (Stream<Path> files = Files.list(STATIC)) {
            for (Path js : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                String text = read(js);
                assertThat(text).as(js.toString())
                        .doesNotContain(".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write",
                                "eval(", "new Function", "setTimeout('", "setTimeout(\"")
                        .doesNotContain("http://", "https://");
            }
        }
    }

    @Test
    void should_load_nothing_from_elsewhere_in_the_stylesheet() {
        String css = read(STATIC.resolve("app.css"));
        assertThat(css).doesNotContain("@import", "url(http", "url(//");
        assertThat(css).contains(":focus-visible", "prefers-reduced-motion", "@media (max-width");
    }

    @Test
    void should_not_let_a_helper_shadow_a_view_model_key() {
        Handlebars handlebars = WebTemplates.configure(new Handlebars(), ZoneOffset.UTC);
        Set<String> helpers = handlebars.helpers().stream().map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> keys = new TreeSet<>();
        for (String page : WebTemplates.PAGES) {
            collectKeys(SampleViews.page(page), keys);
        }
        keys.retainAll(helpers);
        assertThat(keys).as("view-model keys that a helper of the same name would hide").isEmpty();
    }

    private static void collectKeys(Object value, Set<String> into) {
        if (value instanceof JsonObject object) {
            object.fieldNames().forEach(into::add);
            object.forEach(e -> collectKeys(e.getValue(), into));
        } else if (value instanceof JsonArray array) {
            array.forEach(v -> collectKeys(v, into));
        }
    }
}
