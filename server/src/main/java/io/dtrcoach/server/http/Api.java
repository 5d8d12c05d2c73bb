package io.dtrcoach.server.http;

import io.dtrcoach.server.assign.Assignments;
import io.dtrcoach.server.Json;
import io.dtrcoach.server.Metrics;
import io.dtrcoach.server.auth.AuthService;
import io.dtrcoach.server.auth.UserService;
import io.dtrcoach.server.cluster.Membership;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.practice.Practice;
import io.dtrcoach.server.practice.ScenarioCatalog;

import java.time.Duration;
import java.util.function.Function;

/**
 * The JSON API's handlers and steps, made once; {@code io.dtrcoach.server.app.Routes} wires them. The turn handler is
 * also the practice page's, and {@code turnListeners} gives it, per session, who hears a reply as it is spoken.
 */
public record Api(AuthHandler auth, SessionsHandler sessions, TurnHandler turns, UsersHandler users,
                  ScenariosHandler scenarios, AssignmentsHandler assignments, HealthHandler health,
                  FailureHandler failures) {

    /** What the API is built from. */
    public record Parts(Json json, Metrics metrics, AsyncDatabase db, AuthService auth, UserService users,
                        Practice practice, ScenarioCatalog catalog, Membership membership, boolean secureCookie,
                        Duration sessionTtl, Function<String, TurnListener> turnListeners, Assignments assignments) {
    }

    public static Api create(Parts p) {
        Replies replies = new Replies(p.json());
        return new Api(new AuthHandler(p.auth(), replies, p.metrics(), p.secureCookie(), p.sessionTtl()),
                new SessionsHandler(p.practice(), replies), new TurnHandler(p.practice().turns(), replies, p.turnListeners()),
                new UsersHandler(p.users(), replies), new ScenariosHandler(p.catalog(), p.practice(), replies),
                new AssignmentsHandler(p.assignments(), replies),
                new HealthHandler(p.db(), p.catalog(), p.metrics(), replies, p.membership()), new FailureHandler(replies));
    }
}
