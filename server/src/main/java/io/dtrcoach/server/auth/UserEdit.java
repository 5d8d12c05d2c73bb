package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.persistence.UserRepository;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An admin's edit of an account's role, team, display name and email, all at once (the edit form sends every field).
 * A blank team, display name or email removes it; a rep or manager must keep a team.
 */
public record UserEdit(Role role, Optional<String> team, Optional<String> displayName, Optional<String> email) {
    public static final int MAX_DISPLAY_NAME = 100;
    public static final int MAX_EMAIL = 254;
    /** Deliberately loose: one @, something on each side, a dot in the domain, no spaces. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    public UserEdit {
        team = blankless(team);
        team.ifPresent(NewUser::checkTeam);
        if (role.needsTeam() && team.isEmpty()) {
            throw new InvalidInput("team", "a " + role + " must belong to a team");
        }
        displayName = blankless(displayName);
        displayName.ifPresent(UserEdit::checkDisplayName);
        email = blankless(email);
        email.ifPresent(UserEdit::checkEmail);
    }

    public UserRepository.Profile profile() {
        return new UserRepository.Profile(displayName, email);
    }

    static void checkDisplayName(String name) {
        if (name.length() > MAX_DISPLAY_NAME) {
            throw new InvalidInput("displayName", "display name must be at most " + MAX_DISPLAY_NAME + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("displayName", "display name must not contain control characters");
        }
    }

    static void checkEmail(String email) {
        if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            throw new InvalidInput("email", "email must look like name@example.com");
        }
    }

    private static Optional<String> blankless(Optional<String> value) {
        return value.map(String::strip).filter(v -> !v.isEmpty());
    }
}
