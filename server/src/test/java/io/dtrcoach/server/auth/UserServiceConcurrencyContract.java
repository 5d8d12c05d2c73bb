package io.dtrcoach.server.auth;

import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.persistence.AuthSessionRepository;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.server.persistence.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts created at the same moment, as an admin's script or several admins do: into a team that does not exist
 * yet (every creation must succeed, all in one team), and under one username (one wins, the others are told the
 * name is taken). Run against H2 and PostgreSQL by the subclasses.
 */
abstract class UserServiceConcurrencyContract {
    private static final int CONCURRENT = 12;

    @TempDir
    Path tmp;

    private Vertx vertx;
    private Database database;
    private AsyncDatabase db;
    private UserService users;

    protected abstract Database open(Path dir);

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        database = open(tmp);
        db = new AsyncDatabase(vertx, database, CONCURRENT);
        SecureRandom random = new SecureRandom();
        users = new UserService(db, new UserRepository(), new AuthSessionRepository(), new PasswordHasher(random, 10_000),
                new Tokens(random), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        // A skipped start (no PostgreSQL outside CI) opened nothing; only what was opened is closed.
        if (db != null) {
            db.close().await();
        }
        vertx.close().await();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void should_create_every_user_when_many_are_created_at_once_into_a_new_team() {
        for (int round = 0; round < 4; round++) {
            String team = "floor-" + round;
            List<Future<User>> created = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                created.add(users.create(new NewUser("rep-" + round + "-" + i, "password-" + i, Role.rep, Optional.of(team))));
            }
            Future.join(created).otherwiseEmpty().await();

            assertThat(created).allSatisfy(f -> assertThat(f.cause()).as("creating into a new team").isNull());
            assertThat(created).extracting(f -> f.result().team()).containsOnly(Optional.of(team));
            assertThat(users.teams().await()).extracting(UserRepository.Team::name).containsOnlyOnce(team);
        }
    }

    @Test
    void should_tell_all_but_one_that_the_username_is_taken_when_it_is_created_at_once() {
        for (int round = 0; round < 4; round++) {
            List<Future<User>> created = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                // a trainer has no team, so only the username is contended
                created.add(users.create(new NewUser("sam-" + round, "password-" + i, Role.trainer, Optional.empty())));
            }
            Future.join(created).otherwiseEmpty().await();

            assertThat(created).filteredOn(Future::succeeded).hasSize(1);
            assertThat(created).filteredOn(Future::failed).extracting(Future::cause)
                    .allSatisfy(e -> assertThat(e).isInstanceOf(UsernameTaken.class));
        }
    }
}
