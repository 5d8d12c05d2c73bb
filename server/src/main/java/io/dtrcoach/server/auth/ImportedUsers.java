package io.dtrcoach.server.auth;

import java.util.List;
import java.util.Optional;

/** What a CSV import created; a generated password is here once, to be handed over, and stored only as a hash. */
public record ImportedUsers(List<Created> users, List<String> newTeams) {
    public record Created(String username, Role role, Optional<String> team, Optional<String> generatedPassword) {
    }
}
