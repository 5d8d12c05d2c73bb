package io.dtrcoach.server.http;

import io.dtrcoach.server.assign.AssignmentCsv;
import io.dtrcoach.server.assign.Assignments;
import io.dtrcoach.server.assign.NewAssignment;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.failure.InvalidInput;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Assignments: make one, list them (a rep's own, or the completion matrix), the matrix as CSV. */
public final class AssignmentsHandler {
    private final Assignments assignments;
    private final Replies replies;

    AssignmentsHandler(Assignments assignments, Replies replies) {
        this.assignments = assignments;
        this.replies = replies;
    }

    public void create(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        NewAssignment a = new NewAssignment(body.optionalString("name").orElse(""), body.strings("scenarios"),
                body.strings("reps"), body.strings("teams"), date("due", body.string("due")),
                body.optionalInteger("requiredScore"));
        replies.answer(ctx, assignments.create(AuthHandler.caller(ctx), a), 201);
    }

    /** A rep's own assignments with progress; anyone else's view is the completion matrix they may see. */
    public void list(RoutingContext ctx) {
        Caller caller = AuthHandler.caller(ctx);
        replies.answer(ctx, (caller.user().is(Role.rep) ? assignments.mine(caller) : assignments.matrix(caller))
                .map(l -> Map.of("assignments", l)));
    }

    public void csv(RoutingContext ctx) {
        Answer.when(ctx, assignments.matrix(AuthHandler.caller(ctx)), rows -> ctx.response()
                .putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"assignments.csv\"")
                .end(AssignmentCsv.write(rows)));
    }

    /** An ISO date, {@code 2026-11-27}. */
    public static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, field + " must be a date like 2026-11-27");
        }
    }
}
