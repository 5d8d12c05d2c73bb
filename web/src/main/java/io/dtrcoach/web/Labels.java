package io.dtrcoach.web;

import java.util.Locale;
import java.util.Map;

/** Human words for the machine ids the API uses (move labels, dimensions, outcome kinds). */
public final class Labels {

    private static final Map<String, String> MOVES = Map.ofEntries(
            Map.entry("dtr_ask", "DTR ask"),
            Map.entry("permission_no", "Permission to say no"),
            Map.entry("open_question", "Open question"),
            Map.entry("closed_question", "Closed question"),
            Map.entry("summary", "Summary"),
            Map.entry("next_step", "Next step"),
            Map.entry("rapport", "Rapport"),
            Map.entry("decision_process", "Decision process"),
            Map.entry("upfront_contract", "Up-front agreement"),
            Map.entry("reflection", "Reflection"),
            Map.entry("pitch", "Pitch"),
            Map.entry("acknowledge", "Acknowledgement"),
            Map.entry("logistics", "Logistics"),
            Map.entry("step_back", "Stepping back"),
            Map.entry("repair", "Repair"),
            Map.entry("pressure.ultimatum", "Ultimatum"),
            Map.entry("pressure.false_urgency", "False urgency"),
            Map.entry("pressure.peer", "Peer pressure"),
            Map.entry("pressure.guilt", "Guilt"),
            Map.entry("pressure.leading", "Leading question"),
            Map.entry("pressure.controlling", "Controlling language"),
            Map.entry("other", "Other"));

    private static final Map<String, String> WORDS = Map.of(
            "dtr", "DTR", "llm", "LLM", "csv", "CSV", "ai", "AI");

    private Labels() {
    }

    static String move(String id) {
        String known = MOVES.get(id);
        return known != null ? known : humanize(id);
    }

    static boolean isPressure(String moveId) {
        return moveId != null && moveId.startsWith("pressure.");
    }

    static boolean isAsk(String moveId) {
        return "dtr_ask".equals(moveId);
    }

    /** CSS class for a move chip: pressure is red, the ask is highlighted, good habits are green. */
    static String moveClass(String id) {
        if (isPressure(id)) {
            return "move move-pressure";
        }
        if (isAsk(id)) {
            return "move move-ask";
        }
        return switch (id == null ? "" : id) {
            case "permission_no", "open_question", "summary", "next_step", "decision_process", "upfront_contract",
                 "reflection", "step_back", "repair" -> "move move-good";
            default -> "move";
        };
    }

    /** {@code "no_sale"} → {@code "No sale"}, {@code "pressure.false_urgency"} → {@code "Pressure: false urgency"}. */
    public static String humanize(String id) {
        if (id == null || id.isBlank()) {
            return "";
        }
        String[] words = id.replace('.', ':').replace(':', ' ').replace('_', ' ').replace('-', ' ')
                .trim().split("\\s+");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String w = words[i].toLowerCase(Locale.ROOT);
            String special = WORDS.get(w);
            if (i > 0) {
                sb.append(i == 1 && id.indexOf('.') == words[0].length() ? ": " : " ");
            }
            if (special != null) {
                sb.append(special);
            } else if (i == 0) {
                sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            } else {
                sb.append(w);
            }
        }
        return sb.toString();
    }

    /** Score bands used for colour everywhere (cards, tables, heatmap); relative to the pass mark when known. */
    static String scoreClass(Double score, Double pass) {
        if (score == null) {
            return "score-none";
        }
        double passMark = pass == null ? 70 : pass;
        if (score >= passMark) {
            return "score-good";
        }
        if (score >= passMark - 20) {
            return "score-ok";
        }
        return "score-low";
    }

    static String score(double value) {
        return Long.toString(Math.round(value));
    }
}
