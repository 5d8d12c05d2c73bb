package io.dtrcoach.core.persona;

import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scenario.StateVar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the engine's numbers into a plain-language mood for the model ("You are getting defensive."). The
 * model never sees the numbers: it only has to act a feeling, and the engine keeps deciding what it is.
 * Driven by the conventional variables {@code comfort}, {@code defensiveness} and {@code trust} when the
 * scenario declares them as ints; each is read relative to its own declared range. A scenario without them
 * gets a neutral, generic mood.
 */
public final class MoodDescriber {
    public static final String COMFORT = "comfort";
    public static final String DEFENSIVENESS = "defensiveness";
    public static final String TRUST = "trust";

    static final String GENERIC = "You are polite but non-committal, and you keep your cards close.";

    private final Scenario scenario;

    public MoodDescriber(Scenario scenario) {
        this.scenario = scenario;
    }

    /** The mood for these variable values (the state after the rep's line). */
    public String describe(Map<String, Integer> vars) {
        Optional<Double> comfort = level(COMFORT, vars);
        Optional<Double> defensiveness = level(DEFENSIVENESS, vars);
        Optional<Double> trust = level(TRUST, vars);
        if (comfort.isEmpty() && defensiveness.isEmpty() && trust.isEmpty()) {
            return GENERIC;
        }
        List<String> parts = new ArrayList<>();
        double d = defensiveness.orElse(0.0);
        // Defensiveness dominates: a prospect who feels pushed is not "relaxed" whatever comfort says.
        if (d >= 0.75) {
            parts.add("You feel pushed and want to end the call.");
        } else if (d >= 0.5) {
            parts.add("You are getting defensive.");
        } else if (d >= 0.35) {
            parts.add("You are a little on guard.");
        }
        comfort.ifPresent(c -> {
            if (d >= 0.5) {
                if (c < 0.35) {
                    parts.add("You are uncomfortable.");
                }
            } else if (c >= 0.7) {
                parts.add("You are relaxed and open.");
            } else if (c >= 0.45) {
                parts.add("You are reasonably at ease, but careful about what you say.");
            } else {
                parts.add("You are uneasy and guarded.");
            }
        });
        trust.ifPresent(t -> {
            if (t >= 0.7) {
                parts.add("You trust this rep.");
            } else if (t < 0.35) {
                parts.add("You do not trust this rep much yet.");
            }
        });
        if (parts.isEmpty()) {
            parts.add("You are calm and neutral.");
        }
        return String.join(" ", parts);
    }

    /** The variable's value as a fraction of its declared range, if it is a declared int. */
    private Optional<Double> level(String name, Map<String, Integer> vars) {
        StateVar v = scenario.state().get(name);
        Integer value = vars.get(name);
        if (v == null || value == null || v.type() != StateVar.Type.INT || v.max() <= v.min()) {
            return Optional.empty();
        }
        return Optional.of((double) (v.clamp(value) - v.min()) / (v.max() - v.min()));
    }
}
