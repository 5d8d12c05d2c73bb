package io.dtrcoach.server.practice;

import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.persistence.PracticeRepository.SessionRow;

/**
 * Who may see a practice session and who may review it (comment on its turns, override its scores).
 * <ul>
 *   <li>See: its rep; an admin; a manager of the team it was recorded under, when its rep is a rep (not a fellow
 *       manager practising).</li>
 *   <li>Review: an admin, or such a manager; never the session's own rep, whatever their role. A manager's own
 *       practice is reviewed by an admin only, and nobody reviews an admin's own.</li>
 * </ul>
 * The team is the session's (see V6__session_team.sql), so a rep's past sessions stay with the manager who had
 * them on their team; the rep's role is the one they have now.
 */
final class SessionAccess {
    private SessionAccess() {
    }

    static boolean canSee(User user, SessionRow row) {
        return isOwner(user, row) || user.is(Role.admin) || managesRepOf(user, row);
    }

    static boolean canReview(User user, SessionRow row) {
        return !isOwner(user, row) && (user.is(Role.admin) || managesRepOf(user, row));
    }

    private static boolean isOwner(User user, SessionRow row) {
        return row.userId() == user.id();
    }

    private static boolean managesRepOf(User user, SessionRow row) {
        return user.is(Role.manager) && user.inTeam(row.teamId()) && Role.rep.name().equals(row.userRole());
    }
}
