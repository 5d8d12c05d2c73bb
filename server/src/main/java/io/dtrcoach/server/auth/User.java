package io.dtrcoach.server.auth;

import io.dtrcoach.server.persistence.UserRepository;

import java.util.Optional;

/** An account as the rest of the server sees it (never its password hash). */
public record User(long id, String username, Role role, Optional<Long> teamId, Optional<String> team,
                   boolean disabled) {
    /** The user of a stored row. */
    public static User of(UserRepository.UserRow row) {
        return new User(row.id(), row.username(), Role.valueOf(row.role()), row.teamId(), row.team(), row.disabled());
    }

    public boolean is(Role r) {
        return role == r;
    }

    public boolean inTeam(Optional<Long> otherTeam) {
        return teamId.isPresent() && teamId.equals(otherTeam);
    }
}
