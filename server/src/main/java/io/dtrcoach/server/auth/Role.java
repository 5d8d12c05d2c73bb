package io.dtrcoach.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user may do. Reps and managers belong to a team; trainers and admins may. */
public enum Role {
    rep, trainer, manager, admin;

    public static Optional<Role> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String wanted = s.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.name().equals(wanted)).findFirst();
    }

    public boolean needsTeam() {
        return this == rep || this == manager;
    }
}
