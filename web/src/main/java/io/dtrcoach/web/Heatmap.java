package io.dtrcoach.web;

import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;

import java.util.List;
import java.util.Optional;

/**
 * {@code {{heatmapTable heatmap caption="…"}}}: the team's average dimension scores by rep, as an HTML
 * table (a real table reads better with a screen reader than a picture of one). Each cell carries a
 * colour band class ({@code heat-0} … {@code heat-4}) and its number, so colour is never the only cue.
 * Input: {@code {dimensions: [name…], rows: [{rep, url?, sessions?, scores: {name: number}}]}}.
 */
final class Heatmap implements Helper<Object> {

    static final String NAME = "heatmapTable";

    @Override
    public Object apply(Object model, Options options) {
        String caption = Values.hashText(options, "caption", "Average dimension scores by rep");
        return render(model, caption).toSafeString();
    }

    Svg render(Object model, String caption) {
        List<String> dimensions = Values.list(Values.get(model, "dimensions").orElse(null)).stream()
                .map(String::valueOf).toList();
        List<Object> rows = Values.list(Values.get(model, "rows").orElse(null));
        Svg html = new Svg();
        if (rows.isEmpty() || dimensions.isEmpty()) {
            return html.element("p", "No scored sessions match these filters yet.", "class", "empty");
        }
        html.open("div", "class", "table-scroll");
        html.open("table", "class", "heatmap");
        html.element("caption", caption);
        html.open("thead").open("tr").element("th", "Rep", "scope", "col");
        for (String d : dimensions) {
            html.element("th", Labels.humanize(d), "scope", "col");
        }
        html.close("tr").close("thead").open("tbody");
        for (Object row : rows) {
            html.open("tr").open("th", "scope", "row");
            String url = Values.text(row, "url");
            String rep = Values.text(row, "rep");
            if (url.startsWith("/")) {
                html.element("a", rep, "href", url);
            } else {
                html.text(rep);
            }
            Values.number(row, "sessions").ifPresent(s -> html.element("span",
                    Labels.score(s) + (s == 1 ? " session" : " sessions"), "class", "muted small block"));
            html.close("th");
            for (String d : dimensions) {
                Optional<Double> score = Values.number(row, "scores." + d);
                html.open("td", "class", "heat " + band(score.orElse(null)));
                html.text(score.map(Labels::score).orElse("—"));
                html.close("td");
            }
            html.close("tr");
        }
        html.close("tbody").close("table").close("div");
        return html;
    }

    static String band(Double score) {
        if (score == null) {
            return "heat-none";
        }
        if (score >= 85) {
            return "heat-4";
        }
        if (score >= 70) {
            return "heat-3";
        }
        if (score >= 55) {
            return "heat-2";
        }
        if (score >= 40) {
            return "heat-1";
        }
        return "heat-0";
    }
}
