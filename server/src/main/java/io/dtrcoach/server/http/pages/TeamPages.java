package io.dtrcoach.server.http.pages;

import io.dtrcoach.core.scenario.Rubric;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.auth.UserService;
import io.dtrcoach.server.http.Answer;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.server.practice.Practice;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.dtrcoach.server.practice.SessionFilter;
import io.dtrcoach.server.practice.SessionReport;
import io.dtrcoach.server.practice.SessionStatus;
import io.dtrcoach.server.practice.SessionSummary;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The manager's team page: filtered, sorted sessions, each rep's trend, the heatmap, the CSV link. */
public final class TeamPages {
    private final Practice practice;
    private final UserService users;
    private final ScenarioCatalog catalog;
    private final Views views;

    TeamPages(Practice practice, UserService users, ScenarioCatalog catalog, Views views) {
        this.practice = practice;
        this.users = users;
        this.catalog = catalog;
        this.views = views;
    }

    /** One listed session and, if it ended, its report (for the effective scores). */
    private record Row(SessionSummary summary, Optional<SessionReport> report) {
        Optional<Integer> overall() {
            return report.map(r -> r.effectiveScores().get("overall")).or(summary::overall);
        }
    }

    public void team(RoutingContext ctx) {
        Caller caller = AuthHandler.caller(ctx);
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : List.of("rep", "scenario", "from", "to", "sort")) {
            String v = ctx.request().getParam(name);
            filters.put(name, v == null ? "" : v.strip());
        }
        SessionFilter filter;
        Optional<FormErrors> dateError = Optional.empty();
        try {
            filter = new SessionFilter(nonEmpty(filters.get("rep")), nonEmpty(filters.get("scenario")),
                    nonEmpty(filters.get("from")).map(d -> day(d, "from", false)),
                    nonEmpty(filters.get("to")).map(d -> day(d, "to", true)), SessionFilter.MAX_LIMIT);
        } catch (io.dtrcoach.server.failure.InvalidInput e) {
            // a reversed or malformed range is shown beside the dates; the list is shown without them meanwhile
            dateError = FormErrors.of(e);
            filter = new SessionFilter(nonEmpty(filters.get("rep")), nonEmpty(filters.get("scenario")), Optional.empty(),
                    Optional.empty(), SessionFilter.MAX_LIMIT);
        }
        Optional<FormErrors> filterError = dateError;
        Future<List<User>> teamUsers = users.list().map(all -> all.stream()
                .filter(u -> u.is(Role.rep))
                .filter(u -> caller.user().is(Role.admin) || u.inTeam(caller.user().teamId()))
                .sorted(Comparator.comparing(User::username)).toList());
        Future<List<Row>> rows = practice.sessions().list(caller, filter).compose(list -> Future.all(list.stream()
                .map(s -> s.status() == SessionStatus.ENDED
                        ? practice.reports().report(caller, s.id()).map(r -> new Row(s, Optional.of(r)))
                        .otherwise(new Row(s, Optional.empty()))
                        : Future.succeededFuture(new Row(s, Optional.empty())))
                .toList()).map(all -> all.<Row>list()));
        Future<java.util.Set<String>> reviewed = rows.compose(list -> practice.reviews().reviewed(
                list.stream().map(r -> r.summary().id()).toList()));
        Answer.when(ctx, Future.all(teamUsers, rows, reviewed), done -> {
            Map<String, Object> model = model(caller, filters, teamUsers.result(), rows.result());
            markReviewed(model, reviewed.result());
            filterError.ifPresent(e -> model.put("filterError", e.with(Map.of())));
            views.render(ctx, filterError.isPresent() ? 400 : 200, "team", model);
        });
    }

    /** Adds {@code reviewed} to each listed session a reviewer marked (or commented on). */
    @SuppressWarnings("unchecked")
    private static void markReviewed(Map<String, Object> model, java.util.Set<String> reviewed) {
        if (model.get("sessions") instanceof List<?> sessions) {
            for (Object o : sessions) {
                Map<String, Object> m = (Map<String, Object>) o;
                m.put("reviewed", reviewed.contains(String.valueOf(m.get("id"))));
            }
        }
    }

    private Map<String, Object> model(Caller caller, Map<String, String> filters, List<User> reps, List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        Comparator<Row> byScore = Comparator.comparing(r -> r.overall().orElse(-1));
        switch (filters.get("sort")) {
            case "score_desc" -> sorted.sort(byScore.reversed());
            case "score_asc" -> sorted.sort(byScore);
            default -> sorted.sort(Comparator.comparing((Row r) -> r.summary().startedAt()).reversed());
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("active", "team");
        caller.user().team().ifPresent(t -> model.put("team", Map.of("id", caller.user().teamId().orElse(0L).toString(),
                "name", t)));
        catalog.current().stream().findFirst().ifPresent(v -> model.put("pass", v.scenario().rubric().pass()));
        model.put("exportUrl", exportUrl(filters));
        model.put("filters", filters);
        model.put("reps", reps.stream().map(u -> Map.of("id", u.username(), "name", u.username())).toList());
        Map<String, String> titles = new LinkedHashMap<>();
        catalog.current().forEach(v -> titles.put(v.scenario().id(), v.scenario().title()));
        rows.forEach(r -> titles.putIfAbsent(r.summary().scenario(), r.summary().scenarioTitle()));
        model.put("scenarios", titles.entrySet().stream().map(e -> Map.of("id", e.getKey(), "title", e.getValue())).toList());

        List<Row> scored = rows.stream().filter(r -> r.overall().isPresent()).toList();
        Set<String> repsSeen = rows.stream().map(r -> r.summary().rep()).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("sessions", rows.size());
        summary.put("reps", repsSeen.size());
        if (!scored.isEmpty()) {
            summary.put("passRate", scored.stream().filter(r -> r.summary().passed().orElse(false)).count() / (double) scored.size());
            summary.put("averageOverall", scored.stream().mapToInt(r -> r.overall().get()).average().orElse(0));
        }
        model.put("summary", summary);

        model.put("sessions", sorted.stream().map(r -> {
            SessionSummary s = r.summary();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("rep", Map.of("id", s.rep(), "name", s.rep()));
            m.put("scenario", Map.of("id", s.scenario(), "title", s.scenarioTitle()));
            m.put("date", s.startedAt().toString());
            m.put("status", s.status().id());
            r.overall().ifPresent(o -> m.put("overall", o));
            s.passed().ifPresent(p -> m.put("passed", p));
            r.report().ifPresent(rep -> {
                m.put("overridden", !rep.overrides().isEmpty());
                m.put("pass", rep.report().pass());
            });
            return m;
        }).toList());

        Map<String, List<Row>> byRep = new TreeMap<>(scored.stream().collect(Collectors.groupingBy(r -> r.summary().rep())));
        List<Map<String, Object>> heatRows = new ArrayList<>();
        List<Map<String, Object>> trends = new ArrayList<>();
        byRep.forEach((rep, list) -> {
            Map<String, Object> scores = new LinkedHashMap<>();
            for (String d : Rubric.DIMENSIONS) {
                List<Integer> values = list.stream().flatMap(r -> r.report().stream())
                        .map(r -> r.effectiveScores().get(d)).filter(v -> v != null).toList();
                scores.put(d, values.isEmpty() ? null : (int) Math.round(values.stream().mapToInt(Integer::intValue).average().orElse(0)));
            }
            heatRows.add(new LinkedHashMap<>(Map.of("rep", rep, "url", "/team?rep=" + enc(rep), "sessions", list.size(),
                    "scores", scores)));
        });
        // Trends per rep and scenario: each scenario compared with itself, and with the team's mean on it, so that a rep
        // moving from a hard scenario to an easy one does not look like improving.
        Map<String, Double> teamMean = scored.stream().collect(Collectors.groupingBy(r -> r.summary().scenario(),
                Collectors.averagingInt(r -> r.overall().get())));
        byRep.forEach((rep, list) -> {
            Map<String, List<Row>> byScenario = new TreeMap<>(list.stream()
                    .collect(Collectors.groupingBy(r -> r.summary().scenario())));
            int n = 0;
            for (Map.Entry<String, List<Row>> e : byScenario.entrySet()) {
                List<Row> chronological = e.getValue().stream()
                        .sorted(Comparator.comparing(r -> r.summary().startedAt())).toList();
                int latest = chronological.get(chronological.size() - 1).overall().get();
                double mean = teamMean.get(e.getKey());
                Map<String, Object> card = new LinkedHashMap<>();
                card.put("rep", Map.of("id", rep, "name", rep));
                card.put("chartId", rep + "-" + (n++));
                card.put("scenario", Map.of("id", e.getKey(),
                        "title", chronological.get(0).summary().scenarioTitle()));
                catalog.current(e.getKey()).ifPresent(v -> {
                    card.put("difficulty", v.scenario().difficulty().name());
                    card.put("pass", v.scenario().rubric().pass());
                });
                card.put("sessions", chronological.size());
                card.put("best", chronological.stream().mapToInt(r -> r.overall().get()).max().orElse(0));
                card.put("teamMean", (int) Math.round(mean));
                long vsMean = Math.round(latest - mean);
                card.put("vsMean", (vsMean >= 0 ? "+" : "−") + Math.abs(vsMean));
                card.put("points", chronological.stream().map(r -> Map.of("date", r.summary().startedAt().toString(),
                        "score", r.overall().get(), "scenario", r.summary().scenarioTitle())).toList());
                trends.add(card);
            }
        });
        model.put("heatmap", Map.of("dimensions", Rubric.DIMENSIONS, "rows", heatRows));
        model.put("trends", trends);
        return model;
    }

    private static String exportUrl(Map<String, String> filters) {
        StringBuilder sb = new StringBuilder("/api/sessions.csv?limit=" + SessionFilter.MAX_LIMIT);
        for (String name : List.of("rep", "scenario", "from", "to")) {
            if (!filters.get(name).isEmpty()) {
                sb.append('&').append(name).append('=').append(enc(filters.get(name)));
            }
        }
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static java.time.Instant day(String value, String field, boolean endOfDay) {
        try {
            LocalDate d = LocalDate.parse(value);
            return (endOfDay ? d.plusDays(1) : d).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new io.dtrcoach.server.failure.InvalidInput(field, field + " must be a date like 2026-11-27");
        }
    }
}
