package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.InvalidInput;

import java.util.Optional;
import java.util.regex.Pattern;

/** A user to create; the rules for usernames, passwords and teams are checked here. */
public record NewUser(String username, String password, Role role, Optional<String> team) {
    public static final int MAX_USERNAME = 100;
    public static final int MAX_PASSWORD = 200;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1," + MAX_USERNAME + "}");

    public NewUser {
        checkUsername(username);
        checkPassword(password);
        team = team.map(String::strip).filter(t -> !t.isEmpty());
        team.ifPresent(NewUser::checkTeam);
        if (role.needsTeam() && team.isEmpty()) {
            throw new InvalidInput("team", "a " + role + " must belong to a team");
        }
    }

    /** Whether an account could have this name (every account's name follows the rule). */
    static boolean couldBeUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    static void checkUsername(String username) {
        if (!couldBeUsername(username)) {
            throw new InvalidInput("username", "username must be 1-100 letters, digits or . _ @ -");
        }
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < 8 || password.length() > MAX_PASSWORD) {
            throw new InvalidInput("password", "password must be 8-200 characters");
        }
    }

    static void checkTeam(String team) {
        if (team.length() > 100) {
            throw new InvalidInput("team", "team must be at most 100 characters");
        }
        // NUL cannot be stored in PostgreSQL text, and no control character belongs in a name shown on pages
        if (team.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("team", "team must not contain control characters");
        }
    }
}
