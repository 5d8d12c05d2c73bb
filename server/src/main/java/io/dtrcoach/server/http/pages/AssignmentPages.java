package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.assign.Assignments;
import io.dtrcoach.server.assign.NewAssignment;
import io.dtrcoach.server.assign.RepAssignment;
import io.dtrcoach.server.assign.ScenarioProgress;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.auth.UserService;
import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.http.Answer;
import io.dtrcoach.server.http.AssignmentsHandler;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The assigner's page (a manager, a trainer or an admin): the form to assign a scenario or a programme to reps or
 * teams, and the completion matrix (its CSV is the API's, {@code /api/assignments.csv}). A form error shows the form again with what was typed.
 */
public final class AssignmentPages {
    private final Assignments assignments;
    private final UserService users;
    private final ScenarioCatalog catalog;
    private final Views views;

    AssignmentPages(Assignments assignments, UserService users, ScenarioCatalog catalog, Views views) {
        this.assignments = assignments;
        this.users = users;
        this.catalog = catalog;
        this.views = views;
    }

    public void page(RoutingContext ctx) {
        show(ctx, 200, Optional.empty(), Map.of(), Optional.ofNullable(ctx.request().getParam("made")));
    }

    public void create(RoutingContext ctx) {
        Caller caller = AuthHandler.caller(ctx);
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("name", PageAuth.form(ctx, "name"));
        typed.put("due", PageAuth.form(ctx, "due"));
        typed.put("requiredScore", PageAuth.form(ctx, "requiredScore"));
        List<String> scenarios = ctx.request().formAttributes().getAll("scenario");
        List<String> reps = ctx.request().formAttributes().getAll("rep");
        List<String> teams = ctx.request().formAttributes().getAll("team");
        typed.put("scenarios", scenarios);
        typed.put("reps", reps);
        typed.put("teams", teams);
        Future<?> made;
        try {
            String score = PageAuth.form(ctx, "requiredScore").strip();
            Optional<Integer> required = score.isEmpty() ? Optional.empty() : Optional.of(number(score));
            String due = PageAuth.form(ctx, "due");
            if (due.isBlank()) {
                throw new InvalidInput("due", "choose a due date");
            }
            made = assignments.create(caller, new NewAssignment(PageAuth.form(ctx, "name"), scenarios, reps, teams,
                    AssignmentsHandler.date("due", due), required));
        } catch (InvalidInput e) {
            made = Future.failedFuture(e);
        }
        Answer.when(ctx, made, a -> Views.redirect(ctx, "/assignments?made=1"), e -> {
            if (e instanceof InvalidInput || e instanceof io.dtrcoach.server.auth.Forbidden) {
                show(ctx, e instanceof InvalidInput ? 400 : 403, Optional.of(sentence(e.getMessage())), typed,
                        Optional.empty());
            } else {
                ctx.fail(e);
            }
        });
    }

    private void show(RoutingContext ctx, int status, Optional<String> error, Map<String, Object> typed,
                      Optional<String> made) {
        Caller caller = AuthHandler.caller(ctx);
        User me = caller.user();
        Future<List<User>> reps = users.list().map(all -> all.stream()
                .filter(u -> u.is(Role.rep) && !u.disabled())
                .filter(u -> !me.is(Role.manager) || u.inTeam(me.teamId()))
                .sorted(Comparator.comparing(User::username)).toList());
        Future<List<RepAssignment>> matrix = assignments.matrix(caller);
        Answer.when(ctx, Future.all(reps, matrix), done -> {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("active", "assignments");
            @SuppressWarnings("unchecked")
            List<String> chosenScenarios = (List<String>) typed.getOrDefault("scenarios", List.of());
            @SuppressWarnings("unchecked")
            List<String> chosenReps = (List<String>) typed.getOrDefault("reps", List.of());
            @SuppressWarnings("unchecked")
            List<String> chosenTeams = (List<String>) typed.getOrDefault("teams", List.of());
            model.put("scenarios", catalog.current().stream().map(v -> Map.of("id", v.scenario().id(),
                    "title", v.scenario().title(), "difficulty", v.scenario().difficulty().name(),
                    "checked", chosenScenarios.contains(v.scenario().id()))).toList());
            model.put("reps", reps.result().stream().map(u -> Map.of("id", u.username(), "name", u.username(),
                    "team", u.team().orElse(""), "checked", chosenReps.contains(u.username()))).toList());
            List<String> teamNames = reps.result().stream().flatMap(u -> u.team().stream()).distinct().sorted()
                    .toList();
            model.put("teams", teamNames.stream().map(t -> Map.of("name", t, "checked", chosenTeams.contains(t)))
                    .toList());
            model.put("form", typed);
            model.put("today", LocalDate.now(ZoneOffset.UTC).toString());
            error.ifPresent(e -> model.put("flash", Map.of("kind", "error", "message", e)));
            made.ifPresent(m -> model.put("flash", Map.of("kind", "success", "message", "Assigned.")));
            model.put("matrix", matrix(matrix.result()));
            views.render(ctx, status, "assignments", model);
        });
    }

    /** One group per assignment: its scenarios as columns, one row per rep. */
    private static List<Map<String, Object>> matrix(List<RepAssignment> rows) {
        Map<Long, Map<String, Object>> groups = new LinkedHashMap<>();
        for (RepAssignment r : rows) {
            Map<String, Object> g = groups.computeIfAbsent(r.assignment().id(), id -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", Long.toString(id));
                m.put("name", r.assignment().name());
                m.put("due", r.assignment().due().minusMillis(1).toString());
                m.put("requirement", r.assignment().requirement());
                m.put("assignedBy", r.assignment().assignedBy());
                m.put("scenarios", r.assignment().scenarios());
                m.put("rows", new ArrayList<Map<String, Object>>());
                return m;
            });
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rep", r.rep());
            row.put("team", r.team().orElse(""));
            row.put("met", r.met());
            row.put("total", r.total());
            row.put("complete", r.complete());
            row.put("overdue", r.overdue());
            row.put("cells", r.scenarios().stream().map(AssignmentPages::cell).toList());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) g.get("rows");
            list.add(row);
        }
        return new ArrayList<>(groups.values());
    }

    static Map<String, Object> cell(ScenarioProgress s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("title", s.title());
        m.put("attempts", s.attempts());
        s.best().ifPresent(b -> m.put("best", b));
        m.put("met", s.met());
        return m;
    }

    private static int number(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidInput("requiredScore", "the required score must be a whole number from 0 to 100");
        }
    }

    private static String sentence(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
    }
}
