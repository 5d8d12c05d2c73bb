package io.dtrcoach.server.http;

import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.server.practice.SessionStatus;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.practice.Practice;
import io.dtrcoach.server.practice.SessionCsv;
import io.dtrcoach.server.practice.SessionFilter;
import io.dtrcoach.server.practice.SessionReport;
import io.dtrcoach.server.practice.SessionSummary;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Practice sessions: start, end, transcript, report, lists, CSV, comments and overrides. */
public final class SessionsHandler {
    private final Practice practice;
    private final Replies replies;

    SessionsHandler(Practice practice, Replies replies) {
        this.practice = practice;
        this.replies = replies;
    }

    public void start(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        String scenario = body.string("scenario");
        Scenario.Mode persona = persona(body.optionalString("persona").orElse(Scenario.Mode.scripted.name()));
        replies.answer(ctx, practice.sessions().start(AuthHandler.caller(ctx), scenario, persona)
                .map(s -> Map.of("id", s.id(), "opening", s.opening(), "scenario", s.scenario(),
                        "maxTurns", s.maxTurns(), "persona", s.persona())), 201);
    }

    public void persona(RoutingContext ctx) {
        Scenario.Mode persona = persona(JsonBody.of(ctx).string("persona"));
        String id = ctx.pathParam("id");
        replies.answer(ctx, practice.sessions().switchPersona(AuthHandler.caller(ctx), id, persona)
                .map(p -> Map.of("id", id, "persona", p)));
    }

    private static Scenario.Mode persona(String value) {
        for (Scenario.Mode m : Scenario.Mode.values()) {
            if (m.name().equals(value)) {
                return m;
            }
        }
        throw new InvalidInput("persona", "field 'persona' must be \"scripted\" or \"llm\"");
    }

    public void end(RoutingContext ctx) {
        replies.answer(ctx, practice.sessions().end(AuthHandler.caller(ctx), ctx.pathParam("id")));
    }

    public void transcript(RoutingContext ctx) {
        replies.answer(ctx, practice.sessions().transcript(AuthHandler.caller(ctx), ctx.pathParam("id")));
    }

    public void report(RoutingContext ctx) {
        replies.answer(ctx, practice.reports().report(AuthHandler.caller(ctx), ctx.pathParam("id")));
    }

    public void list(RoutingContext ctx) {
        replies.answer(ctx, practice.sessions().list(AuthHandler.caller(ctx), filter(ctx)).map(l -> Map.of("sessions", l)));
    }

    public void csv(RoutingContext ctx) {
        Caller caller = AuthHandler.caller(ctx);
        Answer.when(ctx, practice.sessions().list(caller, filter(ctx)).compose(list -> reportsOf(caller, list)
                .map(reports -> SessionCsv.write(list, reports))), csv -> ctx.response()
                .putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"sessions.csv\"")
                .end(csv));
    }

    /** The report of each ended session (with its overrides and scores in effect), by session id. */
    private Future<Map<String, SessionReport>> reportsOf(Caller caller, List<SessionSummary> sessions) {
        List<Future<SessionReport>> each = sessions.stream().filter(s -> s.status() == SessionStatus.ENDED)
                .map(s -> practice.reports().report(caller, s.id())).toList();
        return Future.all(each).map(all -> {
            Map<String, SessionReport> out = new HashMap<>();
            each.forEach(f -> out.put(f.result().session(), f.result()));
            return out;
        });
    }

    public void comment(RoutingContext ctx) {
        int turn = pathInt(ctx, "turn");
        String text = JsonBody.of(ctx).string("text");
        replies.answer(ctx, practice.reviews().comment(AuthHandler.caller(ctx), ctx.pathParam("id"), turn, text), 201);
    }

    public void override(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        String dimension = body.string("dimension");
        int score = body.integer("score");
        String reason = body.optionalString("reason")
                .orElseThrow(() -> new InvalidInput("reason", "field 'reason' is required: say why the score is overridden"));
        replies.answer(ctx, practice.reviews().override(AuthHandler.caller(ctx), ctx.pathParam("id"), dimension, score,
                reason), 201);
    }

    private static SessionFilter filter(RoutingContext ctx) {
        return new SessionFilter(query(ctx, "rep"), query(ctx, "scenario"),
                query(ctx, "from").map(v -> instant("from", v, false)),
                query(ctx, "to").map(v -> instant("to", v, true)),
                query(ctx, "limit").map(v -> {
                    try {
                        return Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new InvalidInput("limit", "limit must be a whole number");
                    }
                }).orElse(200));
    }

    private static Optional<String> query(RoutingContext ctx, String name) {
        return Optional.ofNullable(ctx.request().getParam(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** An ISO date ({@code 2026-11-27}, whole day; {@code to} is inclusive) or an ISO instant. */
    private static Instant instant(String field, String value, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, field + " must be a date (2026-11-27) or an instant (2026-11-27T09:00:00Z)");
        }
    }

    private static int pathInt(RoutingContext ctx, String name) {
        try {
            return Integer.parseInt(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new InvalidInput(name, name + " must be a whole number");
        }
    }
}
