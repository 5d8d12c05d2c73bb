package io.dtrcoach.web;

import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code {{timelineChart report.turns window=report.timing.window id="timeline"}}}
 *
 * <p>The prospect's state per turn (comfort and defensiveness by default; {@code series="a,b"} to choose)
 * as an accessible inline SVG: a {@code <title>} and a {@code <desc>} that says in words what the lines
 * show, the scenario's ask window shaded, every DTR ask drawn as a highlighted vertical line with a
 * diamond, and every pressure move as a red triangle. Markers link to {@code #turn-N} in the transcript
 * (mouse only; keyboard and screen-reader users get the same data as a table in the template).
 *
 * <p>Point 0 is the state before the first turn; point N the state after turn N. The rep's words only
 * appear in {@code <title>} tooltips, escaped.
 */
final class TimelineChart implements Helper<Object> {

    static final String NAME = "timelineChart";

    private static final int W = 760;
    private static final int H = 330;
    private static final int LEFT = 48;
    private static final int RIGHT = 24;
    private static final int TOP = 66;
    private static final int PLOT_BOTTOM = 244;
    private static final int MOVES_ROW = 296;
    static final String PRESSURE_RED = "#dc2626";
    static final String ASK_INDIGO = "#4338ca";
    private static final String[] SERIES_COLOURS = {"#0f766e", "#b45309", "#6d28d9", "#475569"};
    private static final String[] SERIES_DASH = {null, "7 5", "2 4", "10 4 2 4"};

    @Override
    public Object apply(Object turnsValue, Options options) {
        List<Object> turns = Values.list(turnsValue);
        String id = Values.hashText(options, "id", "timeline");
        String title = Values.hashText(options, "title", "Prospect comfort and defensiveness, turn by turn");
        List<String> series = List.of(Values.hashText(options, "series", "comfort,defensiveness").split("\\s*,\\s*"));
        double min = Values.number(options.hash("min", 0)).orElse(0.0);
        double max = Values.number(options.hash("max", 100)).orElse(100.0);
        Object window = options.hash("window");
        return render(turns, id, title, series, min, max, window).toSafeString();
    }

    Svg render(List<Object> turns, String id, String title, List<String> series, double min, double max, Object window) {
        int n = turns.size();
        double plotW = W - LEFT - RIGHT;
        double step = n == 0 ? plotW : plotW / n;
        String desc = describe(turns, series, window);

        Svg svg = new Svg();
        svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart chart-timeline",
                "viewBox", "0 0 " + W + " " + H, "role", "img", "aria-labelledby", id + "-title " + id + "-desc",
                "id", id, "font-family", "inherit");
        svg.element("title", title, "id", id + "-title");
        svg.element("desc", desc, "id", id + "-desc");

        if (n == 0) {
            svg.element("text", "No turns yet: the chart appears once the conversation has started.",
                    "x", Svg.num(W / 2.0), "y", Svg.num(H / 2.0), "text-anchor", "middle", "class", "chart-empty",
                    "fill", "#475569", "font-size", "15");
            return svg.close("svg");
        }

        legend(svg, series);
        askWindow(svg, window, n, step);
        grid(svg, min, max);
        xAxis(svg, n, step);
        pressureAndAskLines(svg, turns, step);
        for (int s = 0; s < series.size(); s++) {
            line(svg, turns, series.get(s), s, step, min, max);
        }
        movesRow(svg, turns, step);
        return svg.close("svg");
    }

    private static double x(int turn, double step) {
        return LEFT + turn * step;
    }

    private static double y(double value, double min, double max) {
        double clamped = Math.max(min, Math.min(max, value));
        return PLOT_BOTTOM - (clamped - min) / (max - min) * (PLOT_BOTTOM - TOP);
    }

    private void legend(Svg svg, List<String> series) {
        svg.open("g", "class", "chart-legend", "font-size", "13", "fill", "#334155");
        double lx = LEFT;
        for (int s = 0; s < series.size(); s++) {
            svg.empty("line", "x1", Svg.num(lx), "y1", "18", "x2", Svg.num(lx + 26), "y2", "18",
                    "stroke", colour(s), "stroke-width", "3", "stroke-dasharray", dash(s));
            String label = Labels.humanize(series.get(s));
            svg.element("text", label, "x", Svg.num(lx + 32), "y", "22");
            lx += 44 + label.length() * 7.5;
        }
        svg.empty("path", "d", diamond(lx + 8, 18, 7), "fill", ASK_INDIGO);
        svg.element("text", "DTR ask", "x", Svg.num(lx + 22), "y", "22");
        lx += 90;
        svg.empty("path", "d", triangle(lx + 8, 18, 7), "fill", PRESSURE_RED);
        svg.element("text", "Pressure move", "x", Svg.num(lx + 22), "y", "22");
        lx += 130;
        svg.empty("rect", "x", Svg.num(lx), "y", "11", "width", "22", "height", "14", "rx", "2",
                "fill", "#e0e7ff", "class", "chart-legend-window");
        svg.element("text", "Ask window", "x", Svg.num(lx + 28), "y", "22");
        svg.close("g");
    }

    private void askWindow(Svg svg, Object window, int n, double step) {
        Optional<int[]> range = windowRange(window);
        if (range.isEmpty()) {
            return;
        }
        double from = Math.max(LEFT, x(range.get()[0], step) - step / 2);
        double to = Math.min(W - RIGHT, x(range.get()[1], step) + step / 2);
        if (to <= from || range.get()[0] > n) {
            return;
        }
        svg.empty("rect", "class", "chart-window", "x", Svg.num(from), "y", Svg.num(TOP), "width", Svg.num(to - from),
                "height", Svg.num(PLOT_BOTTOM - TOP), "fill", "#e0e7ff");
        svg.element("text", "Ask window", "x", Svg.num(from + 6), "y", Svg.num(TOP + 16), "font-size", "12",
                "fill", "#3730a3", "class", "chart-window-label");
    }

    static Optional<int[]> windowRange(Object window) {
        if (window == null) {
            return Optional.empty();
        }
        Optional<Double> from = Values.number(window, "from").or(() -> Values.number(window, "fromTurn"))
                .or(() -> Values.number(window, "from_turn"));
        Optional<Double> to = Values.number(window, "to").or(() -> Values.number(window, "toTurn"))
                .or(() -> Values.number(window, "to_turn"));
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new int[]{from.get().intValue(), to.get().intValue()});
    }

    private void grid(Svg svg, double min, double max) {
        svg.open("g", "class", "chart-grid", "font-size", "12", "fill", "#475569");
        for (int i = 0; i <= 4; i++) {
            double v = min + (max - min) * i / 4;
            double gy = y(v, min, max);
            svg.empty("line", "x1", Svg.num(LEFT), "y1", Svg.num(gy), "x2", Svg.num(W - RIGHT), "y2", Svg.num(gy),
                    "stroke", i == 0 ? "#94a3b8" : "#e2e8f0", "stroke-width", "1");
            svg.element("text", Labels.score(v), "x", Svg.num(LEFT - 8), "y", Svg.num(gy + 4), "text-anchor", "end");
        }
        svg.close("g");
    }

    private void xAxis(Svg svg, int n, double step) {
        int every = n <= 16 ? 1 : (int) Math.ceil(n / 16.0);
        svg.open("g", "class", "chart-axis", "font-size", "12", "fill", "#475569", "text-anchor", "middle");
        for (int t = 0; t <= n; t++) {
            if (t % every != 0 && t != n) {
                continue;
            }
            svg.element("text", t == 0 ? "Start" : Integer.toString(t), "x", Svg.num(x(t, step)),
                    "y", Svg.num(PLOT_BOTTOM + 18));
        }
        svg.element("text", "Moves", "x", Svg.num(LEFT - 8), "y", Svg.num(MOVES_ROW + 4), "text-anchor", "end");
        svg.close("g");
    }

    private void pressureAndAskLines(Svg svg, List<Object> turns, double step) {
        for (int i = 0; i < turns.size(); i++) {
            Object turn = turns.get(i);
            int number = turnNumber(turn, i);
            double tx = x(number, step);
            if (hasMove(turn, Labels::isPressure)) {
                svg.empty("line", "class", "chart-pressure-line", "x1", Svg.num(tx), "y1", Svg.num(TOP),
                        "x2", Svg.num(tx), "y2", Svg.num(PLOT_BOTTOM), "stroke", PRESSURE_RED,
                        "stroke-width", "1.5", "stroke-opacity", "0.45");
            }
            if (hasMove(turn, Labels::isAsk)) {
                svg.empty("line", "class", "chart-ask-line", "x1", Svg.num(tx), "y1", Svg.num(TOP - 14),
                        "x2", Svg.num(tx), "y2", Svg.num(PLOT_BOTTOM), "stroke", ASK_INDIGO,
                        "stroke-width", "2.5", "stroke-dasharray", "5 3");
                String label = "DTR ask · turn " + number;
                double lw = label.length() * 7 + 14;
                double lx = Math.min(Math.max(tx - lw / 2, 4), W - lw - 4);
                svg.empty("rect", "class", "chart-ask-flag", "x", Svg.num(lx), "y", Svg.num(TOP - 32),
                        "width", Svg.num(lw), "height", "20", "rx", "10", "fill", ASK_INDIGO);
                svg.element("text", label, "x", Svg.num(lx + lw / 2), "y", Svg.num(TOP - 18), "fill", "#ffffff",
                        "font-size", "12", "font-weight", "600", "text-anchor", "middle");
            }
        }
    }

    private void line(Svg svg, List<Object> turns, String var, int s, double step, double min, double max) {
        List<double[]> points = new ArrayList<>();
        Values.number(turns.get(0), "stateBefore." + var).ifPresent(v -> points.add(new double[]{0, v}));
        for (int i = 0; i < turns.size(); i++) {
            int number = turnNumber(turns.get(i), i);
            Values.number(turns.get(i), "stateAfter." + var).ifPresent(v -> points.add(new double[]{number, v}));
        }
        if (points.isEmpty()) {
            return;
        }
        String path = points.stream()
                .map(p -> Svg.num(x((int) p[0], step)) + "," + Svg.num(y(p[1], min, max)))
                .collect(Collectors.joining(" "));
        svg.open("g", "class", "chart-series chart-series-" + s);
        svg.empty("polyline", "points", path, "fill", "none", "stroke", colour(s), "stroke-width", "3",
                "stroke-linejoin", "round", "stroke-linecap", "round", "stroke-dasharray", dash(s));
        String label = Labels.humanize(var);
        for (double[] p : points) {
            svg.open("circle", "cx", Svg.num(x((int) p[0], step)), "cy", Svg.num(y(p[1], min, max)), "r", "4",
                    "fill", "#ffffff", "stroke", colour(s), "stroke-width", "2.5");
            svg.element("title", (p[0] == 0 ? "Start" : "After turn " + (int) p[0]) + ": " + label.toLowerCase()
                    + " " + Labels.score(p[1]));
            svg.close("circle");
        }
        svg.close("g");
    }

    private void movesRow(Svg svg, List<Object> turns, double step) {
        svg.open("g", "class", "chart-moves");
        for (int i = 0; i < turns.size(); i++) {
            Object turn = turns.get(i);
            int number = turnNumber(turn, i);
            double tx = x(number, step);
            List<String> moves = moveLabels(turn);
            boolean ask = moves.stream().anyMatch(Labels::isAsk);
            boolean pressure = moves.stream().anyMatch(Labels::isPressure);
            String said = Values.text(turn, "rep");
            if (said.length() > 160) {
                said = said.substring(0, 157) + "…";
            }
            String movesText = moves.isEmpty() ? "no move classified"
                    : moves.stream().map(Labels::move).collect(Collectors.joining(", "));
            svg.open("a", "href", "#turn-" + number, "tabindex", "-1");
            svg.element("title", "Turn " + number + " — " + movesText + (said.isEmpty() ? "" : ": “" + said + "”"));
            if (ask && pressure) {
                svg.empty("path", "class", "chart-ask", "d", diamond(tx - 8, MOVES_ROW, 8), "fill", ASK_INDIGO);
                svg.empty("path", "class", "chart-pressure", "d", triangle(tx + 8, MOVES_ROW, 8), "fill", PRESSURE_RED);
            } else if (ask) {
                svg.empty("path", "class", "chart-ask", "d", diamond(tx, MOVES_ROW, 9), "fill", ASK_INDIGO);
            } else if (pressure) {
                svg.empty("path", "class", "chart-pressure", "d", triangle(tx, MOVES_ROW, 9), "fill", PRESSURE_RED);
            } else {
                svg.empty("circle", "class", "chart-move", "cx", Svg.num(tx), "cy", Svg.num(MOVES_ROW), "r", "5",
                        "fill", "#94a3b8");
            }
            svg.close("a");
        }
        svg.close("g");
    }

    private String describe(List<Object> turns, List<String> series, Object window) {
        if (turns.isEmpty()) {
            return "No turns yet.";
        }
        StringBuilder sb = new StringBuilder();
        Object first = turns.get(0);
        Object last = turns.get(turns.size() - 1);
        List<String> parts = new ArrayList<>();
        for (String var : series) {
            Optional<Double> start = Values.number(first, "stateBefore." + var);
            Optional<Double> end = Values.number(last, "stateAfter." + var);
            if (start.isPresent() && end.isPresent()) {
                parts.add(Labels.humanize(var) + " went from " + Labels.score(start.get()) + " to "
                        + Labels.score(end.get()));
            }
        }
        sb.append(String.join("; ", parts));
        if (!parts.isEmpty()) {
            sb.append(" over ").append(turns.size()).append(turns.size() == 1 ? " turn. " : " turns. ");
        }
        windowRange(window).ifPresent(r -> sb.append("The ask window is turns ").append(r[0]).append("–")
                .append(r[1]).append(". "));
        List<String> asks = new ArrayList<>();
        List<String> pressures = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            Object turn = turns.get(i);
            int number = turnNumber(turn, i);
            List<String> moves = moveLabels(turn);
            if (moves.stream().anyMatch(Labels::isAsk)) {
                String state = series.stream()
                        .flatMap(v -> Values.number(turn, "stateBefore." + v)
                                .map(val -> v + " " + Labels.score(val)).stream())
                        .collect(Collectors.joining(", "));
                asks.add("turn " + number + (state.isEmpty() ? "" : " (" + state + ")"));
            }
            List<String> p = moves.stream().filter(Labels::isPressure).map(Labels::move).toList();
            if (!p.isEmpty()) {
                pressures.add("turn " + number + " (" + String.join(", ", p).toLowerCase() + ")");
            }
        }
        sb.append(asks.isEmpty() ? "No DTR ask. " : "DTR ask at " + String.join("; ", asks) + ". ");
        sb.append(pressures.isEmpty() ? "No pressure moves." : "Pressure at " + String.join("; ", pressures) + ".");
        return sb.toString().trim();
    }

    static int turnNumber(Object turn, int index) {
        return Values.number(turn, "number").map(Double::intValue).orElse(index + 1);
    }

    static List<String> moveLabels(Object turn) {
        List<String> labels = new ArrayList<>();
        for (Object move : Values.list(Values.get(turn, "moves").orElse(null))) {
            if (move instanceof CharSequence text) {
                labels.add(text.toString());
            } else {
                Values.get(move, "label").map(String::valueOf).ifPresent(labels::add);
            }
        }
        return labels;
    }

    private static boolean hasMove(Object turn, Predicate<String> test) {
        return moveLabels(turn).stream().anyMatch(test);
    }

    private static String colour(int s) {
        return SERIES_COLOURS[s % SERIES_COLOURS.length];
    }

    private static String dash(int s) {
        return SERIES_DASH[s % SERIES_DASH.length];
    }

    private static String diamond(double cx, double cy, double r) {
        return "M" + Svg.num(cx) + " " + Svg.num(cy - r) + " L" + Svg.num(cx + r) + " " + Svg.num(cy)
                + " L" + Svg.num(cx) + " " + Svg.num(cy + r) + " L" + Svg.num(cx - r) + " " + Svg.num(cy) + " Z";
    }

    private static String triangle(double cx, double cy, double r) {
        return "M" + Svg.num(cx) + " " + Svg.num(cy - r) + " L" + Svg.num(cx + r) + " " + Svg.num(cy + r * 0.8)
                + " L" + Svg.num(cx - r) + " " + Svg.num(cy + r * 0.8) + " Z";
    }
}
