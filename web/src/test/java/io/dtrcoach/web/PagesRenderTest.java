package io.dtrcoach.web;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Parser;
import com.github.jknack.handlebars.ParserFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.templ.handlebars.HandlebarsTemplateEngine;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class PagesRenderTest {

    private static final String XSS = "<b>bold</b> & <script>alert('x')</script> \" onmouseover=\"alert(1)";

    private HandlebarsTemplateEngine engine;

    @BeforeEach
    void setUp(Vertx vertx) {
        engine = SampleViews.engine(vertx);
    }

    static List<String> pages() {
        return WebTemplates.PAGES;
    }

    private Document render(String page, JsonObject model) {
        return Jsoup.parse(SampleViews.render(engine, page, model));
    }

    @ParameterizedTest
    @MethodSource("pages")
    void should_render_every_page_as_a_complete_document_with_the_product_chrome(String page) {
        Document doc = render(page, SampleViews.page(page));

        assertThat(doc.title()).endsWith("· DTR Coach").doesNotStartWith(" ·");
        assertThat(doc.select("link[rel=stylesheet]").attr("href")).isEqualTo("/static/app.css");
        assertThat(doc.select("h1")).hasSize(1);
        assertThat(doc.select("main#main")).hasSize(1);
        assertThat(doc.select("footer.site-footer").text()).contains("DTR Coach");
        assertThat(doc.select("[style]")).as("no inline styles").isEmpty();
        assertThat(doc.select("script:not([src])")).as("no inline scripts").isEmpty();
        assertThat(doc.getAllElements().stream().flatMap(e -> e.attributes().asList().stream())
                .filter(a -> a.getKey().toLowerCase().startsWith("on"))).as("no inline handlers").isEmpty();
        for (Element form : doc.select("form[method=post]")) {
            assertThat(form.select("input[type=hidden][name=_csrf]").val())
                    .as("CSRF field in form " + form.attr("action")).isEqualTo(SampleViews.CSRF);
        }
        assertThat(doc.text()).doesNotContain("Exception", "at io.", "{{", "}}");
    }

    @ParameterizedTest
    @MethodSource("pages")
    void should_render_every_page_from_an_almost_empty_model_with_its_empty_states(String page) {
        JsonObject bare = new JsonObject().put("csrf", SampleViews.CSRF).put("user", SampleViews.user("admin")
                .put("roles", new JsonArray().add("rep").add("manager").add("trainer").add("admin")));
        Document doc = render(page, bare);
        assertThat(doc.select("h1")).hasSize(1);
        assertThat(doc.select("nav.nav a")).hasSize(7);
        switch (page) {
            case "catalogue" -> assertThat(doc.select(".empty-state h2").text()).isEqualTo("No scenarios yet");
            case "history" -> assertThat(doc.select(".empty-state h2").text()).isEqualTo("No attempts yet");
            case "team" -> assertThat(doc.text()).contains("No sessions match these filters", "No scored sessions");
            case "library" -> assertThat(doc.select(".empty-state h2").text()).isEqualTo("No scenario files found");
            case "report" -> assertThat(doc.select("svg.chart-timeline desc").text()).isEqualTo("No turns yet.");
            case "error" -> assertThat(doc.select("h1").text()).isEqualTo("Something went wrong on our side");
            default -> assertThat(doc.select("main")).hasSize(1);
        }
    }

    @Test
    void should_render_the_same_page_twice_from_the_compiled_cache(Vertx vertx, VertxTestContext test) {
        // Counts every template (page or partial) parsed: the second render must parse none, as it would if the
        // page or its partials were compiled again (caching off, or a cache that never hits).
        Handlebars handlebars = engine.unwrap();
        ParserFactory parsers = handlebars.getParserFactory();
        AtomicInteger parsed = new AtomicInteger();
        handlebars.with((ParserFactory) (hb, start, end) -> {
            Parser parser = parsers.create(hb, start, end);
            return source -> {
                parsed.incrementAndGet();
                return parser.parse(source);
            };
        });
        JsonObject model = SampleViews.page("report");
        AtomicInteger parsedByFirst = new AtomicInteger();
        engine.render(model.getMap(), WebTemplates.page("report"))
                .compose(first -> {
                    parsedByFirst.set(parsed.get());
                    return engine.render(model.getMap(), WebTemplates.page("report")).map(second -> List.of(first, second));
                })
                .onComplete(test.succeeding(both -> test.verify(() -> {
                    assertThat(both.get(0).toString(StandardCharsets.UTF_8))
                            .isEqualTo(both.get(1).toString(StandardCharsets.UTF_8));
                    assertThat(parsedByFirst.get()).as("the page and its partials, parsed by the first render")
                            .isGreaterThan(1);
                    assertThat(parsed.get()).as("templates parsed again by the second render")
                            .isEqualTo(parsedByFirst.get());
                    test.completeNow();
                })));
    }

    @Test
    void should_show_every_page_a_role_may_use_in_the_nav() {
        assertThat(navLinks("rep")).containsExactly("/scenarios", "/history", "/reps/sam/progress");
        assertThat(navLinks("manager")).containsExactly("/scenarios", "/history", "/team", "/assignments");
        assertThat(navLinks("trainer")).containsExactly("/scenarios", "/history", "/assignments", "/trainer/scenarios");
        assertThat(navLinks("admin")).containsExactly("/scenarios", "/history", "/team", "/assignments",
                "/trainer/scenarios", "/admin/users");

        JsonObject many = SampleViews.page("catalogue");
        many.put("user", SampleViews.user("manager").put("roles", new JsonArray().add("manager").add("trainer")));
        assertThat(render("catalogue", many).select("nav.nav a").eachAttr("href"))
                .containsExactly("/scenarios", "/history", "/team", "/assignments", "/trainer/scenarios");
    }

    @Test
    void should_show_assigned_work_first_on_the_reps_home_with_progress_overdue_marked_and_text_escaped() {
        JsonObject model = SampleViews.page("catalogue");
        model.put("assigned", new JsonArray().add(new JsonObject().put("id", "4").put("name", XSS)
                .put("due", "2026-11-30T23:59:59.999Z").put("requirement", "pass").put("assignedBy", "maria")
                .put("met", 1).put("total", 2).put("complete", false).put("overdue", true)
                .put("scenarios", new JsonArray()
                        .add(new JsonObject().put("id", "a").put("title", "First").put("met", true).put("best", 80))
                        .add(new JsonObject().put("id", "b").put("title", XSS).put("met", false).put("next", true)))));
        Document doc = render("catalogue", model);
        Element assigned = doc.selectFirst("main section.assigned");
        assertThat(assigned).isNotNull();
        assertThat(doc.html().indexOf("assigned-heading"))
                .as("assigned work comes before the catalogue").isPositive()
                .isLessThan(doc.html().indexOf("class=\"card-grid\""));
        assertThat(assigned.select(".badge-fail").text()).isEqualTo("Overdue");
        assertThat(assigned.text()).contains("1 of 2 done").contains(XSS);
        assertThat(assigned.select("script")).isEmpty();
        assertThat(assigned.select("form input[name=scenario]").eachAttr("value")).containsExactly("b");
    }

    @Test
    void should_mark_the_active_nav_item_and_offer_logout_with_csrf() {
        Document doc = render("history", SampleViews.page("history"));
        assertThat(doc.select("nav.nav a[aria-current=page]").eachAttr("href")).containsExactly("/history");
        Element logout = doc.selectFirst("form[action=/logout]");
        assertThat(logout).isNotNull();
        assertThat(logout.select("input[name=_csrf]").val()).isEqualTo(SampleViews.CSRF);
        assertThat(doc.select(".user-menu").text()).contains("Sam Rivera", "Rep");
    }

    @Test
    void should_name_the_csrf_field_and_header_as_the_server_asks() {
        Document plain = render("admin", SampleViews.page("admin"));
        assertThat(plain.select("meta[name=csrf-header]").attr("content")).isEqualTo(WebTemplates.CSRF_HEADER);
        assertThat(plain.select("meta[name=csrf-token]").attr("content")).isEqualTo(SampleViews.CSRF);

        Document custom = render("admin", SampleViews.page("admin").put("csrfField", "X-XSRF-TOKEN")
                .put("csrfHeader", "X-XSRF-TOKEN"));
        assertThat(custom.select("meta[name=csrf-header]").attr("content")).isEqualTo("X-XSRF-TOKEN");
        assertThat(custom.select("form[method=post]")).isNotEmpty().allSatisfy(form ->
                assertThat(form.select("input[type=hidden][name=X-XSRF-TOKEN]").val()).isEqualTo(SampleViews.CSRF));
        assertThat(custom.select("input[name=_csrf]")).isEmpty();
    }

    @Test
    void should_show_no_nav_and_no_user_menu_when_signed_out() {
        Document doc = render("login", SampleViews.page("login"));
        assertThat(doc.select("nav.nav")).isEmpty();
        assertThat(doc.select(".user-menu")).isEmpty();
        assertThat(doc.select("form[action=/login] input[name=username]").val()).isEqualTo("sam");
        assertThat(doc.select("[role=alert]").text()).contains("don't match");
    }

    private List<String> navLinks(String role) {
        JsonObject model = SampleViews.page("error").put("user", SampleViews.user(role));
        return render("error", model).select("nav.nav a").eachAttr("href");
    }

    @Test
    void should_escape_user_text_everywhere_on_the_report() {
        JsonObject model = SampleViews.page("report");
        JsonObject report = model.getJsonObject("report");
        JsonObject turn = report.getJsonArray("turns").getJsonObject(5);
        turn.put("rep", XSS).put("prospect", XSS);
        turn.getJsonArray("comments").getJsonObject(0).put("text", XSS).put("author", XSS);
        report.getJsonArray("coaching").getJsonObject(0).put("said", XSS).put("suggestion", XSS);
        report.getJsonObject("dimensions").getJsonObject("pressure").getJsonArray("evidence").getJsonObject(0)
                .put("rep", XSS).put("note", XSS);
        model.getJsonObject("scenario").put("title", XSS);
        model.getJsonObject("session").getJsonObject("rep").put("name", XSS);

        String html = SampleViews.render(engine, "report", model);
        Document doc = Jsoup.parse(html);

        assertThat(html).doesNotContain("<script>alert", "<b>bold</b>", "\" onmouseover=\"");
        assertThat(doc.select("b")).isEmpty();
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("#turn-6 .bubble-rep").text()).contains(XSS);
        assertThat(doc.select("#turn-6 .comment").text()).contains(XSS);
        assertThat(doc.select(".coaching .quote").first().text()).isEqualTo(XSS);
        assertThat(doc.select("h1").text()).isEqualTo(XSS);
        // the chart's tooltip embeds the rep's words: still text
        assertThat(doc.select("svg.chart-timeline title").eachText()).anyMatch(t -> t.contains(XSS));
    }

    @Test
    void should_escape_user_text_in_the_live_pages_and_lists() {
        JsonObject practice = SampleViews.page("practice");
        practice.getJsonArray("turns").getJsonObject(0).put("rep", XSS);
        practice.getJsonObject("scenario").getJsonObject("persona").put("name", XSS);
        Document doc = render("practice", practice);
        assertThat(doc.select("script:not([src])")).isEmpty();
        assertThat(doc.select("b")).isEmpty();
        assertThat(doc.select(".msg-rep .msg-text").first().text()).isEqualTo(XSS);
        assertThat(doc.select("#practice").attr("data-persona")).isEqualTo(XSS);

        JsonObject team = SampleViews.page("team");
        team.getJsonObject("heatmap").getJsonArray("rows").getJsonObject(0).put("rep", XSS);
        team.getJsonArray("trends").getJsonObject(0).getJsonObject("rep").put("name", XSS);
        team.getJsonArray("sessions").getJsonObject(0).getJsonObject("rep").put("name", XSS);
        doc = render("team", team);
        assertThat(doc.select("script:not([src])")).isEmpty();
        assertThat(doc.select("b")).isEmpty();
        assertThat(doc.select("table.heatmap tbody th").first().text()).startsWith(XSS);
        assertThat(doc.select(".chart-trend title").eachText()).anyMatch(t -> t.contains(XSS));

        JsonObject admin = SampleViews.page("admin");
        admin.getJsonArray("users").getJsonObject(2).put("name", XSS);
        admin.getJsonObject("flash").put("message", XSS);
        doc = render("admin", admin);
        assertThat(doc.select("script:not([src])")).isEmpty();
        assertThat(doc.select("b")).isEmpty();
        assertThat(doc.select(".flash").text()).contains(XSS);

        JsonObject library = SampleViews.page("library");
        library.getJsonArray("scenarios").getJsonObject(1).getJsonArray("problems").getJsonObject(0).put("message", XSS);
        doc = render("library", library);
        assertThat(doc.select("b")).isEmpty();
        assertThat(doc.select(".problem-message").first().text()).isEqualTo(XSS);
    }

    @Test
    void should_show_the_catalogue_brief_with_deal_history_objective_difficulty_and_modes() {
        Document doc = render("catalogue", SampleViews.page("catalogue"));
        Element first = doc.selectFirst(".scenario-card");
        assertThat(first.select(".card-title").text()).isEqualTo("Stalled after two demos");
        assertThat(first.select(".prospect-name").text()).isEqualTo("Priya Shah");
        assertThat(first.select(".stats").text()).contains("Weeks in 9", "Demos 2", "Scoped Yes",
                "Pricing sent Yes", "References 2");
        assertThat(first.select(".events li").eachText()).contains("Met at the LogiTech Summit in September");
        assertThat(first.select(".objective").text()).contains("leave with a yes, a no, or a dated next step");
        assertThat(first.select(".badge-medium").text()).contains("Medium");
        assertThat(first.select("input[name=mode]").eachAttr("value")).containsExactly("scripted", "llm");
        assertThat(first.select(".score-pill").text()).isEqualTo("Best 76");
        Element single = doc.select(".scenario-card").get(1);
        assertThat(single.select("input[type=hidden][name=mode]").val()).isEqualTo("scripted");
        assertThat(single.select(".badge-hard")).hasSize(1);
        Element card = doc.select(".scenario-card").get(2);
        assertThat(card.select(".prospect-name").text()).isEqualTo("Tom Becker");
        assertThat(card.select(".prospect .muted").text()).isEqualTo("Team Lead, Acme Retail");
    }

    @Test
    void should_offer_the_ai_persona_only_when_a_model_can_be_had_and_say_why_not() {
        Element on = render("catalogue", SampleViews.page("catalogue")).selectFirst(".scenario-card");
        assertThat(on.select("input[name=mode][value=llm]").hasAttr("disabled")).isFalse();
        assertThat(on.select(".persona-reason")).isEmpty();

        JsonObject model = SampleViews.page("catalogue").put("llmUnavailable", "No language model is configured " + XSS);
        Element off = render("catalogue", model).selectFirst(".scenario-card");
        assertThat(off.select("input[name=mode][value=llm]").hasAttr("disabled")).isTrue();
        assertThat(off.select("input[name=mode][value=scripted]").hasAttr("checked")).isTrue();
        assertThat(off.select(".persona-reason").text()).contains("No language model is configured").contains(XSS);
        assertThat(off.select("fieldset").attr("aria-describedby")).isEqualTo(off.select(".persona-reason").attr("id"));
        assertThat(off.select(".persona-reason b, .persona-reason script")).isEmpty();
    }

    @Test
    void should_let_the_rep_switch_persona_on_the_practice_page_when_the_scenario_offers_both() {
        JsonObject model = SampleViews.page("practice");
        model.getJsonObject("scenario").put("modes", new io.vertx.core.json.JsonArray().add("scripted").add("llm"));
        Element form = render("practice", model).selectFirst("form[action=/sessions/s-1043/persona]");
        assertThat(form.select("input[name=persona]").val()).isEqualTo("llm");
        assertThat(form.select("input[name=_csrf]")).hasSize(1);
        assertThat(form.select("button").hasAttr("disabled")).isFalse();

        model.put("llmUnavailable", "No language model is configured on this server.");
        form = render("practice", model).selectFirst("form[action=/sessions/s-1043/persona]");
        assertThat(form.select("button").hasAttr("disabled")).isTrue();
        assertThat(form.select(".persona-reason").text()).isEqualTo("No language model is configured on this server.");

        model.getJsonObject("session").put("mode", "llm");
        form = render("practice", model).selectFirst("form[action=/sessions/s-1043/persona]");
        assertThat(form.select("input[name=persona]").val()).isEqualTo("scripted");
        assertThat(form.select("button").text()).isEqualTo("Switch to the scripted persona");

        model.getJsonObject("scenario").put("modes", new io.vertx.core.json.JsonArray().add("scripted"));
        assertThat(render("practice", model).select("form[action=/sessions/s-1043/persona]")).isEmpty();
    }

    @Test
    void should_show_the_models_debrief_as_text_marked_as_the_models_or_offer_to_ask_for_one() {
        JsonObject model = SampleViews.page("report");
        assertThat(render("report", model).select("#debrief")).isEmpty();

        model.put("canAskDebrief", true);
        Element form = render("report", model).selectFirst("#debrief form");
        assertThat(form.attr("action")).endsWith("/debrief");
        assertThat(form.select("input[name=_csrf]")).hasSize(1);

        model.put("debrief", "Good start. " + XSS);
        Document doc = render("report", model);
        assertThat(doc.select("#debrief form")).isEmpty();
        assertThat(doc.select("#debrief .debrief-text").text()).isEqualTo("Good start. " + XSS);
        assertThat(doc.select("#debrief").text()).contains("Written by the AI model").contains("does not change any score");
        assertThat(doc.select("#debrief b, #debrief script")).isEmpty();
    }

    @Test
    void should_render_the_practice_page_with_transcript_counter_and_live_endpoints() {
        Document doc = render("practice", SampleViews.page("practice"));
        Element root = doc.selectFirst("#practice");
        assertThat(root.attr("data-events-url")).isEqualTo("/live/sessions/s-1043/events");
        assertThat(root.attr("data-turns-url")).isEqualTo("/api/sessions/s-1043/turns");
        assertThat(root.attr("data-live-turns-url")).isEqualTo("/live/sessions/s-1043/turns");
        assertThat(root.attr("data-transcript-url")).isEqualTo("/api/sessions/s-1043");
        assertThat(doc.select(".msg")).hasSize(7);
        assertThat(doc.select("[data-turn-count]").text()).isEqualTo("3");
        assertThat(doc.select("progress").attr("max")).isEqualTo("14");
        assertThat(doc.select("[data-typing]").hasAttr("hidden")).isTrue();
        assertThat(doc.select("[data-ended]").hasAttr("hidden")).isTrue();
        assertThat(doc.select("form[action=/sessions/s-1043/end]")).hasSize(1);
        assertThat(doc.select("script[src]").eachAttr("src")).containsExactly("/static/practice.js");
    }

    @Test
    void should_read_the_transcripts_reply_field_as_the_prospects_line() {
        JsonObject model = SampleViews.page("practice");
        JsonObject turn = model.getJsonArray("turns").getJsonObject(2);
        turn.put("reply", turn.remove("prospect"));
        model.getJsonObject("scenario").remove("persona");
        model.getJsonObject("scenario").put("prospect", new JsonObject().put("name", "Priya Shah")
                .put("role", "Head of Operations").put("company", "Northwind Logistics"));
        Document doc = render("practice", model);
        assertThat(doc.select(".msg-prospect .msg-text").eachText()).contains("Pretty much, yes.");
        assertThat(doc.select(".msg-prospect .msg-who").eachText()).containsOnly("Priya Shah");
        assertThat(doc.select(".prospect .muted").text()).isEqualTo("Head of Operations, Northwind Logistics");
    }

    @Test
    void should_hide_the_composer_when_the_session_has_ended() {
        JsonObject model = SampleViews.page("practice");
        model.getJsonObject("session").put("status", "ended");
        Document doc = render("practice", model);
        assertThat(doc.select("[data-composer]").hasAttr("hidden")).isTrue();
        assertThat(doc.select("[data-ended]").hasAttr("hidden")).isFalse();
    }

    @Test
    void should_show_the_report_scores_evidence_coaching_and_transcript() {
        Document doc = render("report", SampleViews.page("report"));
        assertThat(doc.select(".badge-fail").text()).isEqualTo("Not passed yet");
        assertThat(doc.select("svg.gauge").attr("aria-label")).isEqualTo("Overall score: 68 out of 100, pass mark 70");
        assertThat(doc.select(".dimension h3").eachText())
                .containsExactly("Timing", "Pressure", "Autonomy", "Listening", "Outcome");
        Element pressure = doc.selectFirst("#dimension-pressure");
        assertThat(pressure.select(".score-num").text()).isEqualTo("48");
        assertThat(pressure.hasClass("score-low")).isTrue();
        assertThat(pressure.select(".evidence .turn-link").eachAttr("href")).containsExactly("#turn-6", "#turn-7");
        assertThat(pressure.select(".evidence .quote").first().text()).startsWith("This price disappears");
        assertThat(doc.select(".coaching .instead .quote").first().text()).startsWith("It sounds like Q3");
        assertThat(doc.select("ol.transcript > li")).hasSize(8);
        assertThat(doc.select("#turn-4").hasClass("turn-ask")).isTrue();
        assertThat(doc.select("#turn-6 .move-pressure").text()).isEqualTo("False urgency");
        assertThat(doc.select("#turn-6 .state-chips").text()).contains("Comfort 66 → 51 −15");
        assertThat(doc.select("#turn-5 .chip-revealed").text()).contains("Budget freeze");
        assertThat(doc.select("#turn-6 .comment").text()).contains("Maria Ortiz", "This is where it turned");
        assertThat(doc.select(".facts li").text()).contains("Budget freeze");
        assertThat(doc.select(".coaching .instead .move-ask").text()).isEqualTo("DTR ask");
        assertThat(doc.select(".summary-facts").text()).contains("1 of 2", "Turn 4");
        assertThat(doc.select(".stats").text()).contains("58%", "64 words", "4 open, 3 closed");
        // a rep sees no review tools
        assertThat(doc.select("form[action$=/overrides]")).isEmpty();
        assertThat(doc.select(".comment-form")).isEmpty();
        assertThat(doc.select("form[action=/sessions] input[name=scenario]").val()).isEqualTo("stalled-after-demos");
    }

    @Test
    void should_give_managers_comment_and_override_forms_and_show_overrides_with_the_original_kept() {
        JsonObject model = SampleViews.page("report").put("canReview", true).put("canRetry", false)
                .put("user", SampleViews.user("manager"));
        model.put("overrides", new JsonArray()
                .add(new JsonObject().put("dimension", "outcome").put("originalScore", 60).put("score", 65)
                        .put("reason", "first try").put("author", "Maria Ortiz").put("at", "2026-11-26T16:44:00Z"))
                .add(new JsonObject().put("dimension", "outcome").put("originalScore", 60).put("score", 72)
                        .put("reason", "A dated next step was agreed, the classifier missed it").put("author", "Maria Ortiz")
                        .put("at", "2026-11-26T16:45:00Z"))
                .add(new JsonObject().put("dimension", "overall").put("originalScore", 68).put("score", 71)
                        .put("reason", "Outcome corrected").put("author", "Maria Ortiz")));
        Document doc = render("report", model);

        Element form = doc.selectFirst("form[action=/sessions/s-1042/overrides]");
        assertThat(form).isNotNull();
        assertThat(form.select("select[name=dimension] option").eachAttr("value"))
                .containsExactly("overall", "timing", "pressure", "autonomy", "listening", "outcome");
        assertThat(form.select("input[name=reason]").hasAttr("required")).isTrue();
        assertThat(doc.select("form[action=/sessions/s-1042/turns/6/comments] textarea[name=text]")).hasSize(1);
        Element card = doc.selectFirst("#dimension-outcome");
        assertThat(card.select(".score-num").text()).isEqualTo("72");
        assertThat(card.select(".override del").text()).isEqualTo("60");
        assertThat(card.select(".override ins").text()).isEqualTo("72");
        assertThat(card.select(".override").text()).contains("Maria Ortiz", "classifier missed it");
        assertThat(card.hasClass("score-good")).isTrue();
        assertThat(doc.select("#dimension-timing .override")).isEmpty();
        assertThat(doc.select(".summary-card .override").text()).contains("68", "71", "Outcome corrected");
        assertThat(doc.select("svg.gauge").attr("aria-label")).startsWith("Overall score: 71 out of 100");
        assertThat(doc.select("form[action=/sessions] button")).isEmpty();
        assertThat(doc.select(".back-link").attr("href")).isEqualTo("/team");
    }

    @Test
    void should_show_history_with_first_and_best_and_retry() {
        Document doc = render("history", SampleViews.page("history"));
        Element first = doc.selectFirst(".history-card");
        assertThat(first.select(".progress-row").text()).contains("First 48", "Best 76", "Passed");
        assertThat(first.select("form[action=/sessions] button").text()).startsWith("Retry");
        assertThat(first.select("svg.chart-trend circle.chart-point")).hasSize(4);
        Element second = doc.select(".history-card").get(1);
        assertThat(second.select("a[href=/sessions/s-1043]").text()).isEqualTo("Resume");
    }

    @Test
    void should_show_the_team_filters_sorted_table_export_heatmap_and_trends() {
        Document doc = render("team", SampleViews.page("team"));
        assertThat(doc.select("a[download]").attr("href")).isEqualTo("/api/sessions.csv?scenario=stalled-after-demos");
        assertThat(doc.select("#f-scenario option[selected]").val()).isEqualTo("stalled-after-demos");
        assertThat(doc.select("#f-sort option[selected]").val()).isEqualTo("score_desc");
        assertThat(doc.select("#f-from").val()).isEqualTo("2026-11-01");
        assertThat(doc.select("th[aria-sort]").attr("aria-sort")).isEqualTo("descending");
        assertThat(doc.select("table.table-sessions tbody tr")).hasSize(5);
        assertThat(doc.select("a[href=/sessions/s-1031/report]")).hasSize(1);
        assertThat(doc.select("table.heatmap thead th").eachText())
                .containsExactly("Rep", "Timing", "Pressure", "Autonomy", "Listening", "Outcome");
        Element jordan = doc.select("table.heatmap tbody tr").get(1);
        assertThat(jordan.select("td").first().hasClass("heat-0")).isTrue();
        assertThat(jordan.select("td").first().text()).isEqualTo("35");
        Element sam = doc.select("table.heatmap tbody tr").get(2);
        assertThat(sam.select("td").last().hasClass("heat-none")).isTrue();
        assertThat(doc.select(".trend-card svg.chart-trend")).hasSize(3);
        assertThat(doc.select("#trend-u-9-desc").text()).contains("52, 44, 39");
    }

    @Test
    void should_show_the_library_with_lint_errors_tests_and_coverage() {
        Document doc = render("library", SampleViews.page("library"));
        Element broken = doc.selectFirst("#scenario-stalled-cfo");
        assertThat(broken.select(".badge-error").text()).contains("Errors");
        assertThat(broken.select(".problem .location").eachText())
                .containsExactly("stalled-cfo.yaml:42:18", "stalled-cfo.yaml:77:9");
        assertThat(broken.select(".notice").text()).contains("Reps still get the last good version");
        Element withFailure = doc.selectFirst("#scenario-friendly-champion");
        assertThat(withFailure.select(".test-fail").text()).contains("friendly-champion.yaml:131:11");
        assertThat(withFailure.select(".kv").text()).contains("escalate", "boss_meeting", "boss_signs");
        assertThat(doc.select("#scenario-stalled-after-demos .kv").text()).contains("All reached", "sponsor_left");
        assertThat(doc.select("a[href=/trainer/scenarios/stalled-after-demos/preview]")).hasSize(1);
    }

    @Test
    void should_show_the_preview_with_intents_and_state_after_each_turn() {
        Document doc = render("preview", SampleViews.page("preview"));
        assertThat(doc.select("#practice").attr("data-mode")).isEqualTo("preview");
        assertThat(doc.select("[data-state] [data-var]").eachAttr("data-var"))
                .containsExactly("comfort", "defensiveness", "trust");
        assertThat(doc.select(".inspector-turn")).hasSize(2);
        assertThat(doc.select(".inspector-turn").first().text())
                .contains("makes_no_safe", "embedding 82%", "Permission to say no", "Comfort 65 +20");
        assertThat(doc.select(".inspector-turn").get(1).select(".move-pressure").text()).isEqualTo("Ultimatum");
    }

    @Test
    void should_render_admin_forms_with_the_current_team_selected() {
        Document doc = render("admin", SampleViews.page("admin"));
        assertThat(doc.select("#team-u-7 option[selected]").val()).isEqualTo("t-1");
        assertThat(doc.select("#team-u-10 option[selected]").val()).isEqualTo("t-2");
        assertThat(doc.select("#team-u-1 option[selected]")).isEmpty();
        assertThat(doc.select("form[action=/admin/users/u-10/enable]")).hasSize(1);
        assertThat(doc.select("details.confirm form[action=/admin/users/u-7/disable]")).as("disabling asks first").hasSize(1);
        assertThat(doc.select("details.confirm form[action=/admin/users/u-7/password]")).as("resetting asks first").hasSize(1);
        assertThat(doc.select("form[action=/admin/users/u-1/disable]")).as("the admin's own row").isEmpty();
        assertThat(doc.select("#user-row-u-1 button[disabled]")).isNotEmpty();
        assertThat(doc.select("#nu-team option[selected]").val()).as("a new rep starts in a team").isEqualTo("t-1");
        assertThat(doc.select("form[action=/admin/users] select[name=role] option").eachAttr("value"))
                .containsExactly("rep", "manager", "trainer", "admin");
        assertThat(doc.select(".flash-secret code").text()).isEqualTo("tide-maple-orbit-42");
        // the form asks only for what the server stores, under the server's password rule (8-200 characters)
        assertThat(doc.select("form[action=/admin/users] [name]").eachAttr("name"))
                .containsExactly("_csrf", "username", "password", "role", "team", "displayName", "email");
        assertThat(doc.select("form[action=/admin/users] input[name=password]").attr("minlength")).isEqualTo("8");
        assertThat(doc.select("form[action=/admin/users] input[name=password]").attr("maxlength")).isEqualTo("200");
    }

    @Test
    void should_show_a_friendly_error_without_internals() {
        Document doc = render("error", SampleViews.page("error"));
        assertThat(doc.select("h1").text()).isEqualTo("We couldn’t find that page");
        assertThat(doc.select(".error-code").text()).isEqualTo("404");
        assertThat(doc.text()).contains("req-7f3a9c");

        JsonObject boom = new JsonObject().put("status", 500).put("csrf", "t");
        doc = render("error", boom);
        assertThat(doc.select("h1").text()).isEqualTo("Something went wrong on our side");
        assertThat(doc.select("nav.nav")).isEmpty();
    }
}
