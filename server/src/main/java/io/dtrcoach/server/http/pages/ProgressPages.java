package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.practice.SessionStatus;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.Forbidden;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.auth.UserNotFound;
import io.dtrcoach.server.auth.UserService;
import io.dtrcoach.server.http.Answer;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.server.practice.Practice;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.dtrcoach.server.practice.SessionFilter;
import io.dtrcoach.server.practice.SessionReport;
import io.dtrcoach.server.practice.SessionSummary;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A rep's progress (for the rep, their team's manager, an admin): per difficulty and scenario, each dimension's
 * score per attempt over time, and the first attempt against the best. Each scenario is compared only with itself,
 * so moving to an easier scenario never looks like improving.
 */
public final class ProgressPages {
    static final List<String> DIMENSIONS = List.of("timing", "pressure", "autonomy", "listening", "outcome");
    private static final List<String> DIFFICULTIES = List.of("hard", "medium", "easy");

    private final Practice practice;
    private final UserService users;
    private final ScenarioCatalog catalog;
    private final Views views;

    ProgressPages(Practice practice, UserService users, ScenarioCatalog catalog, Views views) {
        this.practice = practice;
        this.users = users;
        this.catalog = catalog;
        this.views = views;
    }

    /** One ended attempt with its scores in effect. */
    private record Attempt(SessionSummary summary, SessionReport report) {
        int overall() {
            return Optional.ofNullable(report.effectiveScores().get("overall")).orElse(0);
        }
    }

    public void page(RoutingContext ctx) {
        Caller caller = AuthHandler.caller(ctx);
        String username = ctx.pathParam("username");
        Future<User> rep = users.list().map(all -> {
            User u = all.stream().filter(x -> x.username().equals(username) && x.is(Role.rep)).findFirst()
                    .orElseThrow(() -> new UserNotFound(username));
            User me = caller.user();
            boolean allowed = me.id() == u.id() || me.is(Role.admin) || (me.is(Role.manager) && me.inTeam(u.teamId()));
            if (!allowed) {
                throw new Forbidden("only the rep, their team's manager or an admin sees this progress");
            }
            return u;
        });
        SessionFilter filter = new SessionFilter(Optional.of(username), Optional.empty(), Optional.empty(),
                Optional.empty(), SessionFilter.MAX_LIMIT);
        Future<List<Attempt>> attempts = rep.compose(u -> practice.sessions().list(caller, filter))
                .compose(list -> Future.all(list.stream().filter(s -> s.status() == SessionStatus.ENDED)
                        .filter(s -> s.rep().equals(username))
                        .map(s -> practice.reports().report(caller, s.id()).map(r -> Optional.of(new Attempt(s, r)))
                                .otherwise(Optional.empty()))
                        .toList()).map(all -> all.<Optional<Attempt>>list().stream().flatMap(Optional::stream)
                        .sorted(Comparator.comparing(a -> a.summary().startedAt())).toList()));
        Answer.when(ctx, attempts, list -> {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("active", caller.user().username().equals(username) ? "progress" : "team");
            model.put("rep", Map.of("id", username, "name", username));
            model.put("self", caller.user().username().equals(username));
            model.put("dimensions", DIMENSIONS);
            model.put("attempts", list.size());
            model.put("groups", groups(list));
            views.render(ctx, "progress", model);
        });
    }

    private List<Map<String, Object>> groups(List<Attempt> attempts) {
        Map<String, List<Attempt>> byScenario = attempts.stream()
                .collect(Collectors.groupingBy(a -> a.summary().scenario(), LinkedHashMap::new, Collectors.toList()));
        List<Map<String, Object>> groups = new ArrayList<>();
        for (String difficulty : DIFFICULTIES) {
            List<Map<String, Object>> scenarios = new ArrayList<>();
            byScenario.forEach((id, list) -> {
                String d = catalog.current(id).map(v -> v.scenario().difficulty().name()).orElse("medium");
                if (d.equals(difficulty)) {
                    scenarios.add(scenario(id, list));
                }
            });
            if (!scenarios.isEmpty()) {
                groups.add(Map.of("difficulty", difficulty, "scenarios", scenarios));
            }
        }
        return groups;
    }

    private Map<String, Object> scenario(String id, List<Attempt> list) {
        Attempt first = list.get(0);
        Attempt best = list.stream().max(Comparator.comparingInt(Attempt::overall)).orElseThrow();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", first.summary().scenarioTitle());
        catalog.current(id).ifPresent(v -> m.put("pass", v.scenario().rubric().pass()));
        m.put("count", list.size());
        m.put("points", list.stream().map(a -> Map.of("date", a.summary().startedAt().toString(),
                "score", a.overall())).toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String d : withOverall()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dimension", d);
            put(row, "first", first.report().effectiveScores().get(d));
            put(row, "best", best.report().effectiveScores().get(d));
            put(row, "latest", list.get(list.size() - 1).report().effectiveScores().get(d));
            row.put("series", list.stream().map(a -> a.report().effectiveScores().get(d))
                    .map(v -> v == null ? "–" : Integer.toString(v)).collect(Collectors.joining(" → ")));
            rows.add(row);
        }
        m.put("rows", rows);
        m.put("attempts", list.stream().map(a -> {
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("id", a.summary().id());
            at.put("date", a.summary().startedAt().toString());
            at.put("overall", a.overall());
            at.put("passed", a.report().effectivePassed());
            at.put("scores", DIMENSIONS.stream().map(d -> Optional.ofNullable(a.report().effectiveScores().get(d))
                    .map(Object::toString).orElse("–")).toList());
            return at;
        }).toList());
        return m;
    }

    private static List<String> withOverall() {
        List<String> all = new ArrayList<>(List.of("overall"));
        all.addAll(DIMENSIONS);
        return all;
    }

    private static void put(Map<String, Object> row, String key, Integer value) {
        if (value != null) {
            row.put(key, value);
        }
    }
}
