package io.dtrcoach.server.http.pages;

import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.server.assign.Assignments;
import io.dtrcoach.server.assign.RepAssignment;
import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.http.Answer;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.server.practice.Practice;
import io.dtrcoach.server.practice.ScenarioCard;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.dtrcoach.server.practice.ScenarioVersion;
import io.dtrcoach.server.practice.SessionFilter;
import io.dtrcoach.server.practice.SessionReport;
import io.dtrcoach.server.practice.SessionStatus;
import io.dtrcoach.server.practice.SessionSummary;
import io.dtrcoach.server.practice.SessionTranscript;
import io.dtrcoach.server.practice.TranscriptTurn;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The rep's pages: the catalogue, the practice page, the report (also the manager's), and the history. */
public final class PracticePages {
    private final Practice practice;
    private final ScenarioCatalog catalog;
    private final Views views;
    private final Assignments assignments;

    PracticePages(Practice practice, ScenarioCatalog catalog, Views views, Assignments assignments) {
        this.practice = practice;
        this.catalog = catalog;
        this.views = views;
        this.assignments = assignments;
    }

    static SessionFilter all() {
        return new SessionFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                SessionFilter.MAX_LIMIT);
    }

    public void catalogue(RoutingContext ctx) {
        Caller caller = AuthHandler.caller(ctx);
        Future<List<RepAssignment>> assigned = assignments.mine(caller);
        Future<List<SessionSummary>> listed = practice.sessions().list(caller, all());
        Answer.when(ctx, Future.all(assigned, listed), done -> {
            List<SessionSummary> sessions = listed.result();
            Map<String, List<SessionSummary>> mine = sessions.stream()
                    .filter(s -> s.rep().equals(caller.user().username()))
                    .collect(Collectors.groupingBy(SessionSummary::scenario));
            List<Map<String, Object>> cards = new ArrayList<>();
            for (ScenarioVersion v : catalog.offered()) {
                Map<String, Object> card = scenarioCard(v.scenario());
                List<SessionSummary> attempts = mine.getOrDefault(v.scenario().id(), List.of());
                card.put("attempts", attempts.size());
                attempts.stream().flatMap(s -> s.overall().stream()).max(Integer::compare)
                        .ifPresent(best -> card.put("best", best));
                unfinished(attempts).ifPresent(open -> card.put("resume",
                        Map.of("id", open.id(), "turns", open.turns())));
                cards.add(card);
            }
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("active", "catalogue");
            model.put("scenarios", cards);
            model.put("assigned", assigned.result().stream().map(PracticePages::assignedCard).toList());
            llmNotice(caller).ifPresent(why -> model.put("llmUnavailable", why));
            views.render(ctx, "catalogue", model);
        });
    }

    /** An assignment on the rep's home: progress, due date (overdue marked), the scenarios in order. */
    private static Map<String, Object> assignedCard(RepAssignment r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(r.assignment().id()));
        m.put("name", r.assignment().name());
        m.put("due", r.assignment().due().minusMillis(1).toString());
        m.put("requirement", r.assignment().requirement());
        m.put("assignedBy", r.assignment().assignedBy());
        m.put("met", r.met());
        m.put("total", r.total());
        m.put("complete", r.complete());
        m.put("overdue", r.overdue());
        m.put("dueSoon", r.dueSoon());
        m.put("scenarios", r.scenarios().stream().map(s -> {
            Map<String, Object> c = AssignmentPages.cell(s);
            r.next().filter(n -> n.id().equals(s.id())).ifPresent(n -> c.put("next", true));
            return c;
        }).toList());
        return m;
    }

    /**
     * Why the AI persona cannot be had: the server's setup (which setting to change) is for admins; everyone else
     * is told only that it is unavailable.
     */
    private Optional<String> llmNotice(Caller caller) {
        return practice.sessions().llmStatus().reason().map(why -> caller.user().is(io.dtrcoach.server.auth.Role.admin)
                ? why : "the AI persona is not available on this server right now.");
    }

    Map<String, Object> scenarioCard(Scenario s) {
        Map<String, Object> card = views.map(ScenarioCard.of(s));
        card.put("persona", Map.of("name", s.persona().name(), "role", s.persona().role()));
        card.put("pass", s.rubric().pass());
        return card;
    }

    private Map<String, Object> scenarioOf(String id, String title) {
        return catalog.current(id).map(v -> scenarioCard(v.scenario()))
                .orElseGet(() -> new LinkedHashMap<>(Map.of("id", id, "title", title,
                        "persona", Map.of("name", "The prospect"))));
    }

    /** The rep's latest attempt still open (abandoned ones expire, see docs/admins/configuration.md). */
    private static Optional<SessionSummary> unfinished(List<SessionSummary> attempts) {
        return attempts.stream().filter(s -> s.status() == SessionStatus.OPEN)
                .max(Comparator.comparing(SessionSummary::startedAt));
    }

    /** Starts the scenario, or resumes the rep's unfinished attempt at it rather than opening a second one. */
    public void start(RoutingContext ctx) {
        String scenario = PageAuth.form(ctx, "scenario").strip();
        if (scenario.isBlank()) {
            throw new InvalidInput("scenario", "choose a scenario first");
        }
        String mode = PageAuth.form(ctx, "mode");
        Scenario.Mode persona = mode.isBlank() ? Scenario.Mode.scripted : mode(mode, "mode");
        Caller caller = AuthHandler.caller(ctx);
        SessionFilter mine = new SessionFilter(Optional.of(caller.user().username()), Optional.of(scenario),
                Optional.empty(), Optional.empty(), SessionFilter.MAX_LIMIT);
        Answer.when(ctx, practice.sessions().list(caller, mine).compose(list -> unfinished(list.stream()
                        .filter(s -> s.rep().equals(caller.user().username())).toList())
                        .map(open -> Future.succeededFuture(open.id()))
                        .orElseGet(() -> practice.sessions().start(caller, scenario, persona).map(s -> s.id()))),
                id -> Views.redirect(ctx, "/sessions/" + id));
    }

    public void practice(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Answer.when(ctx, practice.sessions().transcript(AuthHandler.caller(ctx), id), t -> {
            if (t.session().status() == SessionStatus.ENDED) {
                Views.redirect(ctx, "/sessions/" + id + "/report");
                return;
            }
            Map<String, Object> scenario = scenarioOf(t.session().scenario(), t.session().scenarioTitle());
            int maxTurns = catalog.current(t.session().scenario()).map(v -> v.scenario().brief().maxTurns())
                    .orElse(Math.max(t.turns().size() + 1, 12));
            Map<String, Object> session = new LinkedHashMap<>();
            session.put("id", id);
            session.put("status", t.session().status().id());
            session.put("mode", t.session().persona());
            session.put("turnsUsed", t.turns().size());
            session.put("maxTurns", maxTurns);
            session.put("startedAt", t.session().startedAt().toString());
            List<Map<String, Object>> turns = t.turns().stream().map(turn -> Map.<String, Object>of(
                    "number", turn.number(), "rep", turn.rep(), "reply", turn.reply())).toList();
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("active", "catalogue");
            model.put("session", session);
            model.put("scenario", scenario);
            model.put("opening", t.opening());
            model.put("turns", turns);
            llmNotice(AuthHandler.caller(ctx)).ifPresent(why -> model.put("llmUnavailable", why));
            views.render(ctx, "practice", model);
        });
    }

    /** The practice page's switch between the scripted and the AI persona (the API's {@code /persona}). */
    public void persona(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Answer.when(ctx, practice.sessions().switchPersona(AuthHandler.caller(ctx), id,
                mode(PageAuth.form(ctx, "persona"), "persona")), p -> Views.redirect(ctx, "/sessions/" + id));
    }

    private static Scenario.Mode mode(String value, String field) {
        String v = value.strip();
        return java.util.Arrays.stream(Scenario.Mode.values()).filter(m -> m.name().equals(v)).findFirst()
                .orElseThrow(() -> new InvalidInput(field, "choose the scripted or the AI persona"));
    }

    /** The composer without JavaScript: a plain form post, then back to the page. */
    public void turn(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Answer.when(ctx, practice.turns().take(AuthHandler.caller(ctx), id, PageAuth.form(ctx, "text")),
                r -> Views.redirect(ctx, r.ended() ? "/sessions/" + id + "/report" : "/sessions/" + id));
    }

    public void end(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Answer.when(ctx, practice.sessions().end(AuthHandler.caller(ctx), id),
                r -> Views.redirect(ctx, "/sessions/" + id + "/report"));
    }

    public void report(RoutingContext ctx) {
        Caller caller = AuthHandler.caller(ctx);
        String id = ctx.pathParam("id");
        Answer.when(ctx, practice.sessions().transcript(caller, id).compose(t -> {
            if (t.session().status() != SessionStatus.ENDED) {
                return Future.succeededFuture(Optional.<Map<String, Object>>empty());
            }
            return practice.reports().report(caller, id).compose(r -> practice.debriefs().stored(caller, id)
                    .compose(debrief -> practice.reviews().mayReview(caller, id)
                            .compose(review -> practice.reviews().reviewed(List.of(id)).map(marked -> {
                                Map<String, Object> model = reportModel(caller, t, r, debrief, review);
                                model.put("reviewed", marked.contains(id));
                                return Optional.of(model);
                            }))));
        }), model -> {
            if (model.isEmpty()) {
                Views.redirect(ctx, "/sessions/" + id);
            } else {
                views.render(ctx, "report", model.get());
            }
        });
    }

    private Map<String, Object> reportModel(Caller caller, SessionTranscript t, SessionReport r,
                                            Optional<String> debrief, boolean canReview) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", t.session().id());
        session.put("startedAt", t.session().startedAt().toString());
        t.session().endedAt().ifPresent(e -> session.put("endedAt", e.toString()));
        session.put("mode", t.session().persona());
        session.put("rep", Map.of("id", t.session().rep(), "name", t.session().rep(), "username", t.session().rep()));

        Map<String, Object> report = views.map(r.report());
        Map<String, io.dtrcoach.core.scenario.StateVar> vars = catalog.current(t.session().scenario())
                .map(v -> v.scenario().state()).orElse(Map.of());
        Map<Integer, TranscriptTurn> byNumber = t.turns().stream()
                .collect(Collectors.toMap(TranscriptTurn::number, x -> x, (a, b) -> a));
        Object turnsValue = report.get("turns");
        if (turnsValue instanceof List<?> turns) {
            List<Object> withComments = new ArrayList<>();
            for (Object o : turns) {
                if (o instanceof Map<?, ?> m && m.get("number") instanceof Number n && byNumber.containsKey(n.intValue())) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
                    copy.put("comments", byNumber.get(n.intValue()).comments().stream().map(c -> Map.of(
                            "author", c.author(), "text", c.text(), "at", c.at().toString())).toList());
                    copy.put("stateChanges", StateWords.changes(vars, copy.get("stateBefore"), copy.get("stateAfter")));
                    withComments.add(copy);
                } else {
                    withComments.add(o);
                }
            }
            report.put("turns", withComments);
        }
        StateWords.inEvidence(vars, report.get("dimensions"));
        report.putIfAbsent("opening", t.opening());
        // The page shows the pass and overall in effect after reviewers' overrides; the stored report is unchanged.
        report.put("passed", r.effectivePassed());
        Map<String, Object> model = new LinkedHashMap<>();
        if (r.overallRecomputed()) {
            model.put("computedOverall", report.get("overall"));
            report.put("overall", r.effectiveScores().get("overall"));
        }
        catalog.current(t.session().scenario()).ifPresent(v -> report.putIfAbsent("timing", Map.of("window",
                Map.of("from", v.scenario().timing().fromTurn(), "to", v.scenario().timing().toTurn()))));

        boolean owner = t.session().rep().equals(caller.user().username());
        model.put("active", owner ? "history" : "team");
        model.put("session", session);
        model.put("scenario", scenarioOf(t.session().scenario(), t.session().scenarioTitle()));
        model.put("canRetry", owner && catalog.current(t.session().scenario()).isPresent());
        model.put("canReview", canReview);
        model.put("overrides", r.overrides().stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dimension", o.dimension());
            o.originalScore().ifPresent(s -> m.put("originalScore", s));
            m.put("score", o.score());
            m.put("reason", o.reason());
            m.put("author", o.author());
            m.put("at", o.at().toString());
            return m;
        }).toList());
        model.put("report", report);
        model.put("stateLabels", StateWords.labels(vars));
        debrief.ifPresent(text -> model.put("debrief", text));
        model.put("canAskDebrief", practice.sessions().llmStatus().available());
        return model;
    }

    /** The report's optional written debrief: the model writes it, the page shows it as the model's. */
    public void debrief(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Answer.when(ctx, practice.debriefs().write(AuthHandler.caller(ctx), id),
                text -> Views.redirect(ctx, "/sessions/" + id + "/report#debrief"));
    }

    public void comment(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        int turn = number(ctx.pathParam("n"), "turn");
        Answer.when(ctx, practice.reviews().comment(AuthHandler.caller(ctx), id, turn, PageAuth.form(ctx, "text")),
                c -> Views.redirect(ctx, "/sessions/" + id + "/report#turn-" + turn));
    }

    public void markReviewed(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Answer.when(ctx, practice.reviews().markReviewed(AuthHandler.caller(ctx), id),
                done -> Views.redirect(ctx, "/sessions/" + id + "/report#review"));
    }

    public void override(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        int score = number(PageAuth.form(ctx, "score").strip(), "score");
        Answer.when(ctx, practice.reviews().override(AuthHandler.caller(ctx), id, PageAuth.form(ctx, "dimension").strip(), score,
                        PageAuth.form(ctx, "reason").strip()),
                o -> Views.redirect(ctx, "/sessions/" + id + "/report#scores"));
    }

    static int number(String value, String field) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, field + " must be a whole number");
        }
    }

    public void history(RoutingContext ctx) {
        Caller caller = AuthHandler.caller(ctx);
        Answer.when(ctx, practice.sessions().list(caller, all()), sessions -> {
            Map<String, List<SessionSummary>> byScenario = sessions.stream()
                    .filter(s -> s.rep().equals(caller.user().username()))
                    .sorted(Comparator.comparing(SessionSummary::startedAt))
                    .collect(Collectors.groupingBy(SessionSummary::scenario, LinkedHashMap::new, Collectors.toList()));
            List<Map<String, Object>> groups = new ArrayList<>();
            byScenario.forEach((scenarioId, list) -> {
                Map<String, Object> g = new LinkedHashMap<>();
                Optional<Scenario> s = catalog.current(scenarioId).map(ScenarioVersion::scenario);
                g.put("scenario", Map.of("id", scenarioId, "title", list.get(0).scenarioTitle(),
                        "difficulty", s.map(x -> x.difficulty().name()).orElse("medium")));
                s.ifPresent(x -> g.put("pass", x.rubric().pass()));
                g.put("attempts", list.size());
                List<SessionSummary> scored = list.stream().filter(x -> x.overall().isPresent()).toList();
                if (!scored.isEmpty()) {
                    g.put("first", attempt(scored.get(0)));
                    g.put("best", attempt(scored.stream().max(Comparator.comparing(x -> x.overall().get())).get()));
                }
                g.put("sessions", list.stream().map(x -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", x.id());
                    m.put("date", x.startedAt().toString());
                    x.overall().ifPresent(o -> m.put("overall", o));
                    x.passed().ifPresent(p -> m.put("passed", p));
                    m.put("status", x.status().id());
                    m.put("mode", x.persona());
                    return m;
                }).toList());
                groups.add(g);
            });
            views.render(ctx, "history", Map.of("active", "history", "scenarios", groups));
        });
    }

    private static Map<String, Object> attempt(SessionSummary s) {
        return Map.of("score", s.overall().orElse(0), "passed", s.passed().orElse(false),
                "date", s.startedAt().toString(), "sessionId", s.id());
    }
}
