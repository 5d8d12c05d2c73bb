package io.dtrcoach.web;

import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;

/** Small score pictures: a ring for the overall score and a bar for each dimension. */
final class ScoreGraphics {

    private ScoreGraphics() {
    }

    /** {@code {{scoreGauge report.overall pass=report.pass label="Overall"}}} */
    static final class Gauge implements Helper<Object> {
        static final String NAME = "scoreGauge";

        @Override
        public Object apply(Object value, Options options) {
            Double pass = Values.number(options.hash("pass")).orElse(null);
            String label = Values.hashText(options, "label", "Overall score");
            return render(Values.number(value).orElse(null), pass, label).toSafeString();
        }

        Svg render(Double score, Double pass, String label) {
            double r = 50;
            double circumference = 2 * Math.PI * r;
            String cls = Labels.scoreClass(score, pass);
            Svg svg = new Svg();
            svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "gauge " + cls, "viewBox", "0 0 120 120",
                    "role", "img", "aria-label", label + ": " + (score == null ? "not scored" : Labels.score(score)
                            + " out of 100") + (pass == null ? "" : ", pass mark " + Labels.score(pass)));
            svg.empty("circle", "cx", "60", "cy", "60", "r", Svg.num(r), "fill", "none", "stroke", "#e2e8f0",
                    "stroke-width", "11");
            if (score != null) {
                double len = circumference * Math.max(0, Math.min(100, score)) / 100;
                svg.empty("circle", "class", "gauge-arc", "cx", "60", "cy", "60", "r", Svg.num(r), "fill", "none",
                        "stroke", TrendChart.fill(cls), "stroke-width", "11", "stroke-linecap", "round",
                        "stroke-dasharray", Svg.num(len) + " " + Svg.num(circumference),
                        "transform", "rotate(-90 60 60)");
            }
            if (pass != null) {
                double angle = Math.toRadians(pass / 100 * 360 - 90);
                svg.empty("line", "class", "gauge-pass", "x1", Svg.num(60 + (r - 9) * Math.cos(angle)),
                        "y1", Svg.num(60 + (r - 9) * Math.sin(angle)), "x2", Svg.num(60 + (r + 9) * Math.cos(angle)),
                        "y2", Svg.num(60 + (r + 9) * Math.sin(angle)), "stroke", "#1e293b", "stroke-width", "2.5");
            }
            svg.element("text", score == null ? "—" : Labels.score(score), "x", "60", "y", "67", "text-anchor", "middle",
                    "font-size", "32", "font-weight", "700", "fill", "#0f172a", "font-family", "inherit");
            svg.element("text", "of 100", "x", "60", "y", "86", "text-anchor", "middle", "font-size", "11",
                    "fill", "#475569", "font-family", "inherit");
            return svg.close("svg");
        }
    }

    /** {@code {{scoreBar score pass=report.pass}}}: decorative; the number is always printed next to it. */
    static final class Bar implements Helper<Object> {
        static final String NAME = "scoreBar";

        @Override
        public Object apply(Object value, Options options) {
            Double score = Values.number(value).orElse(null);
            Double pass = Values.number(options.hash("pass")).orElse(null);
            String cls = Labels.scoreClass(score, pass);
            Svg svg = new Svg();
            svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "score-bar " + cls, "viewBox", "0 0 100 8",
                    "preserveAspectRatio", "none", "aria-hidden", "true", "focusable", "false");
            svg.empty("rect", "x", "0", "y", "0", "width", "100", "height", "8", "rx", "4", "fill", "#e2e8f0");
            if (score != null) {
                svg.empty("rect", "x", "0", "y", "0", "width", Svg.num(Math.max(0, Math.min(100, score))), "height", "8",
                        "rx", "4", "fill", TrendChart.fill(cls));
            }
            if (pass != null) {
                svg.empty("rect", "x", Svg.num(Math.max(0, Math.min(99, pass))), "y", "0", "width", "1", "height", "8",
                        "fill", "#1e293b");
            }
            return svg.close("svg").toSafeString();
        }
    }
}
