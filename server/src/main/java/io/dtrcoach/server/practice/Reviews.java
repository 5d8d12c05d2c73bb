package io.dtrcoach.server.practice;

import io.dtrcoach.core.scoring.ScoresInEffect;
import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.auth.Caller;
import io.vertx.core.Future;

import java.util.Map;

/**
 * A reviewer's work on a session (a manager of the rep's team, or an admin; see {@link SessionAccess}): comments on
 * its turns, and overrides of its scores. An override never changes the computed report; the scores in effect are
 * stored with the session for the lists.
 */
public final class Reviews {
    public static final int MAX_COMMENT = 4000;

    private final SessionStore store;
    private final Reports reports;

    Reviews(SessionStore store, Reports reports) {
        this.store = store;
        this.reports = reports;
    }

    /** Whether the caller may comment on and override the scores of this session. */
    public Future<Boolean> mayReview(Caller caller, String sessionId) {
        return store.visible(caller, sessionId)
                .map(s -> SessionAccess.canReview(caller.user(), s));
    }

    public Future<TurnComment> comment(Caller caller, String sessionId, int turn, String text) {
        VisibleText.check("text", text, MAX_COMMENT);
        return store.tx(t -> {
            StoredSession s = SessionAccess.visible(caller, t.session(sessionId), sessionId);
            SessionAccess.requireReviewer(caller, s);
            if (turn < 1 || turn > s.turnCount()) {
                throw new TurnNotFound(sessionId, turn);
            }
            t.markReviewed(sessionId, caller.user()); // a comment is a review
            return t.insertComment(sessionId, turn, caller.user(), text);
        });
    }

    /** Marks an ended session reviewed (a reviewer's explicit "done"); marking it again changes nothing. */
    public Future<Boolean> markReviewed(Caller caller, String sessionId) {
        return store.tx(t -> {
            StoredSession s = SessionAccess.visible(caller, t.session(sessionId), sessionId);
            SessionAccess.requireReviewer(caller, s);
            if (!s.ended()) {
                throw new SessionOpen(sessionId);
            }
            return t.markReviewed(sessionId, caller.user());
        });
    }

    /** Which of these sessions the caller can see were marked reviewed. */
    public Future<java.util.Set<String>> reviewed(java.util.Collection<String> sessionIds) {
        return store.tx(t -> t.reviewed(sessionIds));
    }

    public Future<ScoreOverride> override(Caller caller, String sessionId, String dimension, int score, String reason) {
        if (dimension == null || dimension.isBlank()) {
            throw new InvalidInput("dimension", "dimension is required");
        }
        if (score < 0 || score > 100) {
            throw new InvalidInput("score", "score must be between 0 and 100");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "reason is required: say why the score is overridden");
        }
        VisibleText.check("reason", reason, MAX_COMMENT);
        return store.visible(caller, sessionId).compose(s -> {
            SessionAccess.requireReviewer(caller, s);
            if (!s.ended()) {
                throw new SessionOpen(sessionId);
            }
            return reports.ensure(sessionId);
        }).compose(report -> {
            Map<String, Integer> computed = ScoresInEffect.computed(report);
            if (!computed.containsKey(dimension)) {
                throw new InvalidInput("dimension", "dimension must be one of " + String.join(", ", computed.keySet()));
            }
            return store.tx(t -> {
                // One reviewer at a time per session, so that the scores stored for the lists count every override.
                t.lock(sessionId);
                ScoreOverride made = t.insertOverride(sessionId, dimension, computed.get(dimension), score, reason,
                        caller.user());
                ScoresInEffect inEffect = Reports.inEffect(report, t.overrides(sessionId));
                t.storeScoresInEffect(sessionId, inEffect.overall(), inEffect.passed());
                return made;
            });
        });
    }
}
