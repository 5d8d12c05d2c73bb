package io.dtrcoach.server.http.pages;

import io.dtrcoach.core.scenario.StateVar;
import io.dtrcoach.web.Labels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prospect's state as a rep reads it: a yes/no variable by its description ("The rep has made a no explicitly
 * acceptable: no → yes"), a number by its name in words ("Comfort 45 → 65 +20"); never a variable's name or a
 * boolean's 0 and 1.
 */
final class StateWords {
    private StateWords() {
    }

    static Map<String, String> labels(Map<String, StateVar> vars) {
        Map<String, String> out = new LinkedHashMap<>();
        vars.forEach((name, v) -> out.put(name, label(name, v)));
        return out;
    }

    static List<Map<String, Object>> changes(Map<String, StateVar> vars, Object before, Object after) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!(after instanceof Map<?, ?> a)) {
            return out;
        }
        Map<?, ?> b = before instanceof Map<?, ?> m ? m : Map.of();
        a.forEach((key, value) -> {
            String name = String.valueOf(key);
            StateVar v = vars.get(name);
            int now = number(value);
            int was = b.containsKey(key) ? number(b.get(key)) : now;
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("label", label(name, v));
            change.put("changed", now != was);
            if (v != null && v.type() == StateVar.Type.BOOL) {
                change.put("before", was != 0 ? "yes" : "no");
                change.put("after", now != 0 ? "yes" : "no");
            } else {
                change.put("before", Integer.toString(was));
                change.put("after", Integer.toString(now));
                if (now != was) {
                    change.put("delta", (now > was ? "+" : "−") + Math.abs(now - was));
                }
            }
            out.add(change);
        });
        return out;
    }

    /** Adds {@code stateWords} beside each evidence item's {@code state} in the report's dimensions (changed in place). */
    @SuppressWarnings("unchecked")
    static void inEvidence(Map<String, StateVar> vars, Object dimensions) {
        if (!(dimensions instanceof Map<?, ?> dims)) {
            return;
        }
        for (Object d : dims.values()) {
            if (d instanceof Map<?, ?> dim && dim.get("evidence") instanceof List<?> evidence) {
                for (Object e : evidence) {
                    if (e instanceof Map<?, ?> item && item.get("state") != null) {
                        ((Map<String, Object>) item).put("stateWords", changes(vars, item.get("state"), item.get("state")));
                    }
                }
            }
        }
    }

    private static String label(String name, StateVar v) {
        if (v != null && v.type() == StateVar.Type.BOOL && !v.description().isBlank()) {
            return v.description().strip().replaceAll("\\.$", "");
        }
        return Labels.humanize(name);
    }

    private static int number(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        try {
            return Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
