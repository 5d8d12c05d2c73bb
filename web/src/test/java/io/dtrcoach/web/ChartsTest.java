package io.dtrcoach.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChartsTest {

    private static final String NASTY = "</title><script>alert(1)</script> & \"quoted\" 'single'";

    private static JsonArray reportTurns() {
        return SampleViews.read("report").getJsonObject("report").getJsonArray("turns");
    }

    private static String timeline(List<Object> turns, Object window) {
        return new TimelineChart().render(turns, "tl", "Timeline", List.of("comfort", "defensiveness"), 0, 100, window)
                .toString();
    }

    private static Document svg(String markup) {
        return Jsoup.parse(markup, "", Parser.xmlParser());
    }

    private static org.w3c.dom.Document wellFormed(String markup) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(markup.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void should_mark_the_dtr_ask_turn_and_draw_pressure_turns_in_red() throws Exception {
        String markup = timeline(List.copyOf(reportTurns().getList()), new JsonObject().put("from", 2).put("to", 5));
        wellFormed(markup);
        Document doc = svg(markup);

        Element askLine = doc.selectFirst("line.chart-ask-line");
        Element turn4Axis = doc.select("g.chart-axis text").stream().filter(t -> t.text().equals("4")).findFirst().orElseThrow();
        assertThat(askLine.attr("x1")).isEqualTo(turn4Axis.attr("x"));
        assertThat(doc.select("line.chart-ask-line")).hasSize(1);
        assertThat(doc.select("text").eachText()).contains("DTR ask · turn 4");
        assertThat(doc.select("a:has(.chart-ask)").eachAttr("href")).containsExactly("#turn-4");

        assertThat(doc.select("a:has(.chart-pressure)").eachAttr("href")).containsExactly("#turn-6", "#turn-7");
        assertThat(doc.select(".chart-pressure").eachAttr("fill")).containsOnly(TimelineChart.PRESSURE_RED);
        assertThat(doc.select("line.chart-pressure-line")).hasSize(2);
        assertThat(doc.select(".chart-move")).hasSize(5);

        assertThat(doc.select("rect.chart-window")).hasSize(1);
        assertThat(doc.select("polyline")).hasSize(2);
        assertThat(doc.select("polyline").first().attr("points").split(" ")).hasSize(9);
    }

    @Test
    void should_describe_the_chart_in_words_for_screen_readers() {
        Document doc = svg(timeline(List.copyOf(reportTurns().getList()), Map.of("from", 2, "to", 5)));
        Element root = doc.selectFirst("svg");
        assertThat(root.attr("role")).isEqualTo("img");
        assertThat(root.attr("aria-labelledby")).isEqualTo("tl-title tl-desc");
        assertThat(doc.selectFirst("svg > title").id()).isEqualTo("tl-title");
        assertThat(doc.selectFirst("svg > desc").text())
                .contains("Comfort went from 45 to 46", "Defensiveness went from 30 to 45", "over 8 turns")
                .contains("ask window is turns 2–5")
                .contains("DTR ask at turn 4 (comfort 62, defensiveness 22)")
                .contains("Pressure at turn 6 (false urgency); turn 7 (leading question)");
    }

    @Test
    void should_escape_the_reps_words_in_chart_tooltips() throws Exception {
        JsonArray turns = reportTurns().copy();
        turns.getJsonObject(5).put("rep", NASTY);
        String markup = timeline(List.copyOf(turns.getList()), null);
        org.w3c.dom.Document xml = wellFormed(markup);
        assertThat(markup).doesNotContain("<script>", "</title><script>");
        NodeList titles = xml.getElementsByTagName("title");
        boolean found = false;
        for (int i = 0; i < titles.getLength(); i++) {
            found |= titles.item(i).getTextContent().contains(NASTY);
        }
        assertThat(found).as("the rep's words survive as text").isTrue();
    }

    @Test
    void should_say_so_when_there_are_no_turns_or_no_ask() {
        Document empty = svg(timeline(List.of(), null));
        assertThat(empty.select("text.chart-empty").text()).startsWith("No turns yet");

        JsonArray noAsk = new JsonArray().add(new JsonObject().put("number", 1).put("rep", "Hi")
                .put("moves", new JsonArray().add(new JsonObject().put("label", "rapport")))
                .put("stateBefore", new JsonObject().put("comfort", 40)).put("stateAfter", new JsonObject().put("comfort", 45)));
        Document doc = svg(timeline(List.copyOf(noAsk.getList()), null));
        assertThat(doc.select("desc").text()).contains("No DTR ask.", "No pressure moves.");
        assertThat(doc.select(".chart-ask-line")).isEmpty();
    }

    @Test
    void should_read_plain_java_maps_and_lists_as_well_as_json() {
        List<Object> turns = List.of(
                Map.of("number", 1, "rep", "Would it be a bad idea to talk about where this is going?",
                        "moves", List.of(Map.of("label", "dtr_ask", "confidence", 0.9)),
                        "stateBefore", Map.of("comfort", 50, "defensiveness", 20),
                        "stateAfter", Map.of("comfort", 60, "defensiveness", 15)),
                Map.of("number", 2, "rep", "You need to sign today.",
                        "moves", List.of("pressure.ultimatum"),
                        "stateBefore", Map.of("comfort", 60, "defensiveness", 15),
                        "stateAfter", Map.of("comfort", 40, "defensiveness", 50)));
        Document doc = svg(timeline(turns, Map.of("fromTurn", 1, "toTurn", 3)));
        assertThat(doc.select("a:has(.chart-ask)").eachAttr("href")).containsExactly("#turn-1");
        assertThat(doc.select("a:has(.chart-pressure)").eachAttr("href")).containsExactly("#turn-2");
        assertThat(doc.select("rect.chart-window")).hasSize(1);
    }

    @Test
    void should_draw_a_trend_with_the_pass_mark_and_escaped_labels() throws Exception {
        List<Object> points = List.of(
                Map.of("date", "2026-11-10T09:00:00Z", "overall", 48, "scenario", NASTY),
                Map.of("date", "2026-11-17T09:00:00Z", "overall", 61),
                Map.of("date", "2026-11-24T09:00:00Z", "overall", 76));
        String markup = new TrendChart(ZoneOffset.UTC).render(points, "overall", "t1", "Trend for " + NASTY, 70.0).toString();
        wellFormed(markup);
        Document doc = svg(markup);
        assertThat(doc.select("circle.chart-point")).hasSize(3);
        assertThat(doc.select("circle.chart-point").eachAttr("class"))
                .containsExactly("chart-point score-low", "chart-point score-ok", "chart-point score-good");
        assertThat(doc.select("line.chart-pass")).hasSize(1);
        assertThat(doc.selectFirst("svg > title").text()).isEqualTo("Trend for " + NASTY);
        assertThat(doc.selectFirst("desc").text()).contains("3 attempts", "48, 61, 76", "Best 76", "pass mark 70");
        assertThat(doc.select("circle title").first().text()).startsWith("10 Nov 2026: 48 — ");
    }

    @Test
    void should_colour_heatmap_cells_by_band_and_always_print_the_number() throws Exception {
        JsonObject model = new JsonObject()
                .put("dimensions", new JsonArray().add("timing").add("pressure"))
                .put("rows", new JsonArray().add(new JsonObject().put("rep", NASTY)
                        .put("scores", new JsonObject().put("timing", 91).put("pressure", 12))));
        String markup = new Heatmap().render(model, "Heat").toString();
        wellFormed(markup);
        Document doc = Jsoup.parse(markup);
        assertThat(doc.select("td.heat-4").text()).isEqualTo("91");
        assertThat(doc.select("td.heat-0").text()).isEqualTo("12");
        assertThat(doc.select("tbody th").text()).isEqualTo(NASTY);
        assertThat(doc.select("script")).isEmpty();
        assertThat(new Heatmap().render(new JsonObject(), "x").toString()).contains("No scored sessions");
    }

    @Test
    void should_label_the_gauge_for_assistive_technology() throws Exception {
        String markup = new ScoreGraphics.Gauge().render(68.4, 70.0, "Overall score").toString();
        wellFormed(markup);
        Document doc = svg(markup);
        assertThat(doc.selectFirst("svg").attr("aria-label")).isEqualTo("Overall score: 68 out of 100, pass mark 70");
        assertThat(doc.selectFirst("svg").hasClass("score-ok")).isTrue();
        assertThat(doc.select("circle.gauge-arc")).hasSize(1);
        assertThat(new ScoreGraphics.Gauge().render(null, null, "Overall").toString()).contains("not scored");
    }
}
