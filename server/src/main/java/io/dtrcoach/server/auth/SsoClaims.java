package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.InvalidInput;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which ID-token claims say who a single sign-on user is here, and the rules for reading them. The role claim is
 * required: a user whose token lacks it (or names no role) gets no account. It may be a string or a list (a groups
 * claim); in a list the most trusted role named wins. Reps and managers also need the team claim.
 *
 * @param username the claim holding the username (same rules as a local username)
 * @param role     the claim holding the role: {@code rep}, {@code trainer}, {@code manager} or {@code admin}
 * @param team     the claim holding the team's name
 */
public record SsoClaims(String username, String role, String team) {
    public static final SsoClaims DEFAULT = new SsoClaims("preferred_username", "dtr_role", "dtr_team");
    /** Most trusted first: when a list names several roles, the first of these present is taken. */
    private static final List<Role> PRECEDENCE = List.of(Role.admin, Role.manager, Role.trainer, Role.rep);

    public SsoClaims {
        username = username.strip();
        role = role.strip();
        team = team.strip();
        if (username.isEmpty() || role.isEmpty() || team.isEmpty()) {
            throw new IllegalArgumentException("claim names must not be empty");
        }
    }

    /**
     * The user the verified ID token's claims describe.
     *
     * @param subject the issuer and {@code sub} together: what links the account to the provider's user
     * @throws SsoRefused when a required claim is missing or not usable, saying which
     */
    public SsoIdentity identity(String subject, Map<String, Object> claims) {
        String name = text(claims.get(username)).orElseThrow(() -> new SsoRefused(
                "Your sign-in has no username (claim '" + username + "'). Ask your administrator."));
        if (!NewUser.couldBeUsername(name)) {
            throw new SsoRefused("Your username '" + shorten(name) + "' (claim '" + username
                    + "') can't be used here: it must be 1-100 letters, digits or . _ @ -. Ask your administrator.");
        }
        Role r = roleOf(claims.get(role)).orElseThrow(() -> new SsoRefused(
                "Your account has no DTR Coach role (claim '" + role + "' must name rep, trainer, manager or admin)."
                        + " Ask your administrator to grant you one."));
        Optional<String> t = text(claims.get(team));
        if (r.needsTeam() && t.isEmpty()) {
            throw new SsoRefused("Your account has the role " + r + " but no team (claim '" + team
                    + "'). Ask your administrator to add you to a team.");
        }
        if (t.isPresent()) {
            try {
                NewUser.checkTeam(t.get());
            } catch (InvalidInput e) {
                throw new SsoRefused("Your team (claim '" + team + "') can't be used here: " + e.getMessage() + ".");
            }
        }
        return new SsoIdentity(subject, name, r, t);
    }

    private static Optional<Role> roleOf(Object value) {
        if (value instanceof Collection<?> many) {
            return many.stream().map(SsoClaims::text).flatMap(Optional::stream).map(Role::parse)
                    .flatMap(Optional::stream).min(Comparator.comparingInt(PRECEDENCE::indexOf));
        }
        return text(value).flatMap(Role::parse);
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s ? Optional.of(s.strip()).filter(v -> !v.isEmpty()) : Optional.empty();
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
