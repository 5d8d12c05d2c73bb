package io.dtrcoach.server.auth;

import java.util.Optional;

/** An admin's change to an account; absent fields stay as they are. An empty team string removes the team. */
public record UserChange(Optional<Role> role, Optional<String> team, Optional<Boolean> disabled,
                         Optional<String> password) {
    public UserChange {
        password.ifPresent(NewUser::checkPassword);
        team.map(String::strip).filter(t -> !t.isEmpty()).ifPresent(NewUser::checkTeam);
    }
}
