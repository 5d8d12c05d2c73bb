package io.dtrcoach.server.practice;

import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.Forbidden;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.User;

import java.util.Optional;

/**
 * Who may see a practice session, play it, and review it (comment on its turns, override its scores).
 * <ul>
 *   <li>See: its rep; an admin; a manager of the team it was recorded under, when its rep is a rep (not a fellow
 *       manager practising).</li>
 *   <li>Play: its rep only.</li>
 *   <li>Review: an admin, or such a manager; never the session's own rep, whatever their role. A manager's own
 *       practice is reviewed by an admin only, and nobody reviews an admin's own.</li>
 * </ul>
 * The team is the session's (see V6__session_team.sql), so a rep's past sessions stay with the manager who had
 * them on their team; the rep's role is the one they have now.
 */
final class SessionAccess {
    private SessionAccess() {
    }

    /** The session if the caller may know it exists; otherwise a 404 that says nothing more. */
    static StoredSession visible(Caller caller, Optional<StoredSession> session, String sessionId) {
        if (session.isEmpty() || !canSee(caller.user(), session.get())) {
            throw new SessionNotFound(sessionId);
        }
        return session.get();
    }

    static void requireOwner(Caller caller, StoredSession s) {
        if (!isOwner(caller.user(), s)) {
            throw new Forbidden("only the rep who started this session can play it");
        }
    }

    static void requireReviewer(Caller caller, StoredSession s) {
        if (!canReview(caller.user(), s)) {
            throw new Forbidden(isOwner(caller.user(), s)
                    ? "nobody reviews their own session: a manager of the rep's team or an admin does"
                    : "only a manager of the rep's team or an admin can review this session");
        }
    }

    static boolean canSee(User user, StoredSession s) {
        return isOwner(user, s) || user.is(Role.admin) || managesRepOf(user, s);
    }

    static boolean canReview(User user, StoredSession s) {
        return !isOwner(user, s) && (user.is(Role.admin) || managesRepOf(user, s));
    }

    private static boolean isOwner(User user, StoredSession s) {
        return s.userId() == user.id();
    }

    private static boolean managesRepOf(User user, StoredSession s) {
        return user.is(Role.manager) && user.inTeam(s.teamId()) && Role.rep.name().equals(s.userRole());
    }
}
