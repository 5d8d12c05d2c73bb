package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.persistence.AuthSessionRepository;
import io.dtrcoach.server.persistence.UserRepository;
import io.vertx.core.Future;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Accounts and teams: what an admin does (the API checks the role before calling). */
public final class UserService {
    private final AsyncDatabase db;
    private final UserRepository users;
    private final AuthSessionRepository sessions;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final Clock clock;
    private final UserImport importer;

    public UserService(AsyncDatabase db, UserRepository users, AuthSessionRepository sessions, PasswordHasher hasher,
                       Tokens tokens, Clock clock) {
        this.db = db;
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
        this.importer = new UserImport(db, users, hasher, tokens, clock);
    }

    /** Users and teams from CSV, all or nothing; see {@link UserImport}. */
    public Future<ImportedUsers> importCsv(String csv) {
        return importer.run(csv);
    }

    public Future<User> create(NewUser user) {
        return db.work(() -> hasher.hash(user.password())).compose(hash -> db.tx(c -> insert(c, user, hash)));
    }

    /** A user with a display name and email. */
    public Future<User> create(NewUser user, UserRepository.Profile profile) {
        return db.work(() -> hasher.hash(user.password())).compose(hash -> db.tx(c -> {
            User created = insert(c, user, hash);
            users.setProfile(c, created.id(), profile);
            return created;
        }));
    }

    /** For the CLI and start-up, off any event loop. */
    public User createBlocking(NewUser user) {
        String hash = hasher.hash(user.password());
        return db.blocking().inTransaction(c -> insert(c, user, hash));
    }

    private User insert(Connection c, NewUser user, String hash) throws SQLException {
        if (users.credentials(c, user.username()).isPresent()) {
            throw new UsernameTaken(user.username());
        }
        long now = clock.millis();
        Optional<Long> teamId = user.team().isPresent()
                ? Optional.of(users.teamOrCreate(c, user.team().get(), now).id())
                : Optional.empty();
        long id;
        try {
            id = users.insert(c, user.username(), hash, user.role().name(), teamId, now);
        } catch (SQLException e) {
            // the same name created at the same moment by another request: the check above could not see it
            if (UserRepository.isUniqueViolation(e)) {
                throw new UsernameTaken(user.username());
            }
            throw e;
        }
        return users.byId(c, id).map(User::of).orElseThrow();
    }

    public Future<List<User>> list() {
        return db.tx(c -> users.all(c).stream().map(User::of).toList());
    }

    public Future<User> update(long id, UserChange change) {
        Future<Optional<String>> hash = change.password().isPresent()
                ? db.work(() -> Optional.of(hasher.hash(change.password().get())))
                : Future.succeededFuture(Optional.empty());
        return hash.compose(h -> db.tx(c -> {
            User user = users.byId(c, id).map(User::of).orElseThrow(() -> new UserNotFound(Long.toString(id)));
            Role role = change.role().orElse(user.role());
            Optional<Long> teamId = user.teamId();
            if (change.team().isPresent()) {
                String name = change.team().get().strip();
                teamId = name.isEmpty() ? Optional.empty() : Optional.of(users.teamOrCreate(c, name, clock.millis()).id());
            }
            if (role.needsTeam() && teamId.isEmpty()) {
                throw new InvalidInput("team", "a " + role + " must belong to a team");
            }
            boolean disabled = change.disabled().orElse(user.disabled());
            users.update(c, id, role.name(), teamId, disabled);
            if (h.isPresent()) {
                users.setPassword(c, id, h.get());
            }
            if (disabled || h.isPresent()) {
                // a disabled account or a reset password ends every login of that account
                sessions.deleteForUser(c, id);
            }
            return users.byId(c, id).map(User::of).orElseThrow();
        }));
    }

    /** Role, team, display name and email in one transaction. */
    public Future<User> edit(long id, UserEdit edit) {
        return db.tx(c -> {
            users.byId(c, id).orElseThrow(() -> new UserNotFound(Long.toString(id)));
            Optional<Long> teamId = edit.team().isPresent()
                    ? Optional.of(users.teamOrCreate(c, edit.team().get(), clock.millis()).id()) : Optional.empty();
            UserRepository.UserRow row = users.byId(c, id).orElseThrow();
            users.update(c, id, edit.role().name(), teamId, row.disabled());
            users.setProfile(c, id, edit.profile());
            return users.byId(c, id).map(User::of).orElseThrow();
        });
    }

    public Future<Map<Long, UserRepository.Profile>> profiles() {
        return db.tx(users::profiles);
    }

    public Future<UserRepository.History> history(long id) {
        return db.tx(c -> users.history(c, id));
    }

    /**
     * Deletes an account that has no history (practice sessions, reviews); one with history is refused with
     * {@link UserHasHistory}, and the admin is told to disable it. See docs/admins/users.md.
     */
    public Future<User> delete(long id, User by) {
        if (id == by.id()) {
            throw new InvalidInput("id", "you cannot delete your own account");
        }
        return db.tx(c -> {
            User user = users.byId(c, id).map(User::of).orElseThrow(() -> new UserNotFound(Long.toString(id)));
            UserRepository.History history = users.history(c, id);
            if (!history.isEmpty()) {
                throw new UserHasHistory(user.username(), history);
            }
            try {
                users.delete(c, id);
            } catch (SQLException e) {
                if (UserRepository.isForeignKeyViolation(e)) {
                    throw new UserHasHistory(user.username()); // a table added later that names users
                }
                throw e;
            }
            return user;
        });
    }

    public Future<List<UserRepository.Team>> teams() {
        return db.tx(users::teams);
    }

    public Future<UserRepository.Team> createTeam(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInput("name", "name is required");
        }
        String team = name.strip();
        NewUser.checkTeam(team);
        return db.tx(c -> {
            if (users.team(c, team).isPresent()) {
                throw new TeamExists(team);
            }
            try {
                return users.createTeam(c, team, clock.millis());
            } catch (java.sql.SQLException e) {
                if (UserRepository.isUniqueViolation(e)) {
                    throw new TeamExists(team); // created by another request at the same moment
                }
                throw e;
            }
        });
    }

    /**
     * Creates the first admin when there are no users at all.
     *
     * @return the generated password, when none was given and an admin was created
     */
    public Optional<String> bootstrapAdmin(Optional<String> password) {
        boolean empty = db.blocking().inTransaction(c -> users.count(c) == 0);
        if (!empty) {
            return Optional.empty();
        }
        String pw = password.orElseGet(tokens::newPassword);
        try {
            createBlocking(new NewUser("admin", pw, Role.admin, Optional.empty()));
        } catch (UsernameTaken raced) {
            // another node created it first
            return Optional.empty();
        }
        return password.isPresent() ? Optional.empty() : Optional.of(pw);
    }

    /** Creates the demo team's rep and manager if missing; returns the passwords of those created. */
    public Map<String, String> createDemo() {
        Map<String, String> created = new LinkedHashMap<>();
        for (var entry : List.of(Map.entry("demo-rep", Role.rep), Map.entry("demo-manager", Role.manager))) {
            boolean exists = db.blocking().inTransaction(c -> users.credentials(c, entry.getKey()).isPresent());
            if (!exists) {
                String pw = tokens.newPassword();
                createBlocking(new NewUser(entry.getKey(), pw, entry.getValue(), Optional.of("demo")));
                created.put(entry.getKey(), pw);
            }
        }
        return created;
    }
}
