package io.dtrcoach.core.scoring;

import io.dtrcoach.core.scenario.Scenario;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which roles a scenario has, so that coaching never sends a rep to a stakeholder the prospect does not have (a CFO
 * meeting suggested to a dental group's operations chief). A role is the scenario's when its brief, persona, coaching
 * lines or topic intents name it.
 */
final class Stakeholders {
    private static final Pattern ROLE = Pattern.compile("\\b(cfo|ceo|coo|cto|cio|ciso|chro|cmo|vp|vice president|"
            + "board|procurement|legal|lawyers?|finance|security|it team|director|md|managing director|founder|owner|"
            + "committee|steering|trustees|partners?|principal|superintendent|head of [a-z]+)\\b");

    private final String known;

    Stakeholders(Scenario s) {
        StringBuilder b = new StringBuilder();
        b.append(s.title()).append(' ').append(s.brief().prospect()).append(' ').append(s.brief().situation())
                .append(' ').append(s.brief().objective()).append(' ').append(s.persona().role()).append(' ');
        s.brief().history().events().forEach(e -> b.append(e).append(' '));
        s.coaching().values().forEach(lines -> lines.forEach(l -> b.append(l).append(' ')));
        s.intents().values().forEach(i -> {
            b.append(i.description()).append(' ');
            i.examples().forEach(e -> b.append(e).append(' '));
        });
        this.known = b.toString().toLowerCase(Locale.ROOT);
    }

    /** Whether every role the line names is one this scenario has. */
    boolean fits(String line) {
        Matcher m = ROLE.matcher(line.toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (!Pattern.compile("\\b" + Pattern.quote(m.group(1)) + "\\b").matcher(known).find()) {
                return false;
            }
        }
        return true;
    }
}
