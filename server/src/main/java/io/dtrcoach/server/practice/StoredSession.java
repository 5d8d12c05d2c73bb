package io.dtrcoach.server.practice;

import io.dtrcoach.core.scenario.Scenario;
import io.dtrcoach.core.scoring.Report;
import io.dtrcoach.core.state.ProspectState;
import io.dtrcoach.server.persistence.PracticeRepository.SessionRow;

import java.time.Instant;
import java.util.Optional;

/**
 * A practice session as stored (not its turns), read by {@link SessionStore}. The prospect's state and the report are
 * decoded when asked for: call those from a worker, not an event loop.
 */
final class StoredSession {
    private final SessionRow row;
    private final SessionStore.Codec codec;

    StoredSession(SessionRow row, SessionStore.Codec codec) {
        this.row = row;
        this.codec = codec;
    }

    String id() {
        return row.id();
    }

    long userId() {
        return row.userId();
    }

    /** The rep's role now (a {@code Role} name). */
    String userRole() {
        return row.userRole();
    }

    /** The team the session was recorded under (the rep's when it started), not the rep's now. */
    Optional<Long> teamId() {
        return row.teamId();
    }

    String scenarioHash() {
        return row.scenarioHash();
    }

    Scenario.Mode persona() {
        return Scenario.Mode.valueOf(row.mode());
    }

    String opening() {
        return row.opening();
    }

    int turnCount() {
        return row.turnCount();
    }

    boolean ended() {
        return row.ended();
    }

    /** The ending's id, or "ended" when none was recorded. */
    String ending() {
        return row.ending().orElse("ended");
    }

    /** The prospect's state after the last turn. */
    ProspectState state() {
        return codec.state(row.stateJson());
    }

    /** The report computed when it ended, if it has been. */
    Optional<Report> report() {
        return row.reportJson().map(codec::report);
    }

    SessionSummary summary() {
        return summary(row);
    }

    static SessionSummary summary(SessionRow row) {
        return new SessionSummary(row.id(), row.scenarioId(), row.scenarioTitle(), row.username(), row.team(),
                SessionStatus.of(row.ended()), row.ending(), Instant.ofEpochMilli(row.startedAt()),
                row.endedAt().map(Instant::ofEpochMilli), row.turnCount(), row.overallScore(), row.passed(),
                row.mode());
    }
}
