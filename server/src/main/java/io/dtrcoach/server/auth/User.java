package io.dtrcoach.server.auth;

import java.util.Optional;

/** An account as the rest of the server sees it (never its password hash). */
public record User(long id, String username, Role role, Optional<Long> teamId, Optional<String> team,
                   boolean disabled) {
    public boolean is(Role r) {
        return role == r;
    }

    public boolean inTeam(Optional<Long> otherTeam) {
        return teamId.isPresent() && teamId.equals(otherTeam);
    }
}
