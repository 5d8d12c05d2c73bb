package io.dtrcoach.web;

import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code {{trendChart points pass=70 title=(concat rep.name) id="trend-3"}}}: one rep's overall score per
 * attempt, oldest first, as a small accessible SVG line chart with the pass mark dashed. Points are
 * {@code {date, score, scenario?}} ({@code key="overall"} to read the score from another field).
 */
final class TrendChart implements Helper<Object> {

    static final String NAME = "trendChart";

    private static final int W = 340;
    private static final int H = 150;
    private static final int LEFT = 34;
    private static final int RIGHT = 50;
    private static final int TOP = 14;
    private static final int BOTTOM = 118;

    private final ZoneId zone;

    TrendChart(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Object apply(Object pointsValue, Options options) {
        String id = Values.hashText(options, "id", "trend");
        String title = Values.hashText(options, "title", "Score trend");
        Double pass = Values.number(options.hash("pass")).orElse(null);
        String key = Values.hashText(options, "key", "score");
        return render(Values.list(pointsValue), key, id, title, pass).toSafeString();
    }

    Svg render(List<Object> raw, String key, String id, String title, Double pass) {
        // normalise to {date, score, scenario}; sessions carry their score as "overall"
        List<Object> points = raw.stream()
                .filter(p -> Values.number(p, key).isPresent())
                .map(p -> (Object) Map.of(
                        "date", Values.get(p, "date").orElse(""),
                        "score", Values.number(p, key).orElse(0.0),
                        "scenario", Values.text(p, "scenario.title").isEmpty()
                                ? Values.text(p, "scenario") : Values.text(p, "scenario.title")))
                .toList();
        Svg svg = new Svg();
        svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart chart-trend",
                "viewBox", "0 0 " + W + " " + H, "role", "img", "aria-labelledby", id + "-title " + id + "-desc",
                "id", id, "font-family", "inherit");
        svg.element("title", title, "id", id + "-title");
        svg.element("desc", describe(points, pass), "id", id + "-desc");
        if (points.isEmpty()) {
            svg.element("text", "No scored attempts yet", "x", Svg.num(W / 2.0), "y", Svg.num(H / 2.0),
                    "text-anchor", "middle", "font-size", "14", "fill", "#475569", "class", "chart-empty");
            return svg.close("svg");
        }
        svg.open("g", "font-size", "11", "fill", "#475569");
        for (int v = 0; v <= 100; v += 50) {
            double gy = y(v);
            svg.empty("line", "x1", Svg.num(LEFT), "y1", Svg.num(gy), "x2", Svg.num(W - RIGHT), "y2", Svg.num(gy),
                    "stroke", v == 0 ? "#94a3b8" : "#e2e8f0");
            svg.element("text", Integer.toString(v), "x", Svg.num(LEFT - 6), "y", Svg.num(gy + 4), "text-anchor", "end");
        }
        svg.close("g");
        if (pass != null) {
            svg.empty("line", "class", "chart-pass", "x1", Svg.num(LEFT), "y1", Svg.num(y(pass)), "x2",
                    Svg.num(W - RIGHT), "y2", Svg.num(y(pass)), "stroke", "#4338ca", "stroke-width", "1.5",
                    "stroke-dasharray", "5 4");
            svg.element("text", "pass " + Labels.score(pass), "x", Svg.num(W - RIGHT + 6), "y", Svg.num(y(pass) + 4),
                    "text-anchor", "start", "font-size", "11", "fill", "#3730a3");
        }
        int n = points.size();
        List<String> coords = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            coords.add(Svg.num(x(i, n)) + "," + Svg.num(y(Values.number(points.get(i), "score").orElse(0.0))));
        }
        if (n > 1) {
            svg.empty("polyline", "points", String.join(" ", coords), "fill", "none", "stroke", "#0f766e",
                    "stroke-width", "2.5", "stroke-linejoin", "round", "stroke-linecap", "round");
        }
        for (int i = 0; i < n; i++) {
            Object p = points.get(i);
            double score = Values.number(p, "score").orElse(0.0);
            String cls = Labels.scoreClass(score, pass);
            svg.open("circle", "class", "chart-point " + cls, "cx", Svg.num(x(i, n)), "cy", Svg.num(y(score)), "r", "4.5",
                    "fill", fill(cls), "stroke", "#ffffff", "stroke-width", "1.5");
            String scenario = Values.text(p, "scenario");
            svg.element("title", Dates.format(Values.get(p, "date").orElse(null), "d MMM yyyy", zone) + ": "
                    + Labels.score(score) + (scenario.isEmpty() ? "" : " — " + scenario));
            svg.close("circle");
        }
        svg.open("g", "font-size", "11", "fill", "#475569");
        svg.element("text", Dates.format(Values.get(points.get(0), "date").orElse(null), "d MMM", zone),
                "x", Svg.num(x(0, n)), "y", Svg.num(BOTTOM + 20), "text-anchor", n == 1 ? "middle" : "start");
        if (n > 1) {
            svg.element("text", Dates.format(Values.get(points.get(n - 1), "date").orElse(null), "d MMM", zone),
                    "x", Svg.num(x(n - 1, n)), "y", Svg.num(BOTTOM + 20), "text-anchor", "end");
        }
        svg.close("g");
        return svg.close("svg");
    }

    private static double x(int i, int n) {
        return n == 1 ? (LEFT + W - RIGHT) / 2.0 : LEFT + 6 + i * (W - LEFT - RIGHT - 12.0) / (n - 1);
    }

    private static double y(double score) {
        double clamped = Math.max(0, Math.min(100, score));
        return BOTTOM - clamped / 100 * (BOTTOM - TOP);
    }

    static String fill(String scoreClass) {
        return switch (scoreClass) {
            case "score-good" -> "#15803d";
            case "score-ok" -> "#b45309";
            case "score-low" -> "#b91c1c";
            default -> "#64748b";
        };
    }

    private String describe(List<Object> points, Double pass) {
        if (points.isEmpty()) {
            return "No scored attempts yet.";
        }
        List<Double> scores = points.stream().map(p -> Values.number(p, "score").orElse(0.0)).toList();
        double best = scores.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        String list = scores.stream().map(Labels::score).collect(Collectors.joining(", "));
        return points.size() + (points.size() == 1 ? " attempt" : " attempts") + ", oldest first: " + list
                + ". Best " + Labels.score(best) + ", latest " + Labels.score(scores.get(scores.size() - 1))
                + (pass == null ? "." : "; pass mark " + Labels.score(pass) + ".");
    }
}
