package io.dtrcoach.server.cli;

import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.auth.NewUser;
import io.dtrcoach.server.auth.PasswordHasher;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.Tokens;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.auth.UserService;
import io.dtrcoach.server.auth.UsernameTaken;
import io.dtrcoach.server.config.ConfigInvalid;
import io.dtrcoach.server.config.ServerConfig;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.persistence.AuthSessionRepository;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.server.persistence.StartupFailure;
import io.dtrcoach.server.persistence.UserRepository;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code dtr users add}: accounts from the command line (the server may be running; the database is shared). */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage user accounts.",
        subcommands = UsersCommand.Add.class)
public final class UsersCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a user.")
    static final class Add implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Option(names = "--username", required = true)
        String username;

        @Option(names = "--password", description = "the password (env DTR_USER_PASSWORD; generated and printed when absent)")
        String password;

        @Option(names = "--role", required = true, description = "rep, trainer, manager or admin")
        String role;

        @Option(names = "--team", description = "the team (required for reps and managers; created if new)")
        String team;

        @Override
        public Integer call() {
            ServerConfig config;
            try {
                config = database.load(Map.of());
            } catch (ConfigInvalid e) {
                System.err.println("dtr: " + e.getMessage());
                return 2;
            }
            Optional<Role> parsedRole = Role.parse(role);
            if (parsedRole.isEmpty()) {
                System.err.println("dtr: --role must be one of rep, trainer, manager, admin");
                return 2;
            }
            String pw = Optional.ofNullable(password).or(() -> Optional.ofNullable(System.getenv("DTR_USER_PASSWORD")))
                    .orElse(null);
            SecureRandom random = new SecureRandom();
            Tokens tokens = new Tokens(random);
            boolean generated = pw == null;
            if (generated) {
                pw = tokens.newPassword();
            }
            NewUser user;
            try {
                user = new NewUser(username, pw, parsedRole.get(), Optional.ofNullable(team));
            } catch (InvalidInput e) {
                System.err.println("dtr: " + e.getMessage());
                return 2;
            }
            Vertx vertx = Vertx.vertx();
            try (Database db = DatabaseOptions.open(config)) {
                UserService users = new UserService(new AsyncDatabase(vertx, db, 1), new UserRepository(),
                        new AuthSessionRepository(), new PasswordHasher(random, config.passwordIterations()), tokens,
                        Clock.systemUTC());
                User created = users.createBlocking(user);
                System.out.println("Created " + created.role() + " '" + created.username() + "'"
                        + created.team().map(t -> " in team '" + t + "'").orElse(""));
                if (generated) {
                    System.out.println("Password (shown once): " + pw);
                }
                return 0;
            } catch (UsernameTaken e) {
                System.err.println("dtr: " + e.getMessage());
                return 1;
            } catch (StartupFailure e) {
                System.err.println("dtr: " + e.getMessage());
                return 2;
            } finally {
                vertx.close();
            }
        }
    }
}
