package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.InvalidInput;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server nodes, each with its own connection pool and workers, over one database: forty guesses sent at once,
 * half to each node, and no more than the limit of them are judged (5 per account, 8 per address); the others are
 * refused before any password is checked. Run against H2 and PostgreSQL by the subclasses.
 */
abstract class AttemptLimitContract {
    private static final int BURST = 40;
    private static final AuthService.Settings LIMITS = new AuthService.Settings(Duration.ofHours(1), 5, 8,
            Duration.ofMinutes(15));

    @TempDir
    Path tmp;

    private Vertx vertx;
    private final List<Database> databases = new ArrayList<>();
    private final List<AsyncDatabase> pools = new ArrayList<>();
    private final List<AuthService> nodes = new ArrayList<>();

    /** The databases of two nodes: two pools over one database, or one shared where only that is possible. */
    protected abstract List<Database> openTwoNodes(Path dir);

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        databases.addAll(openTwoNodes(tmp));
        SecureRandom random = new SecureRandom();
        PasswordHasher hasher = new PasswordHasher(random, 10_000);
        Tokens tokens = new Tokens(random);
        for (Database d : databases) {
            AsyncDatabase pool = new AsyncDatabase(vertx, d, 8);
            pools.add(pool);
            nodes.add(new AuthService(pool, new UserRepository(), new AuthSessionRepository(), hasher, tokens,
                    Clock.systemUTC(), LIMITS));
        }
        new UserService(pools.get(0), new UserRepository(), new AuthSessionRepository(), hasher, tokens,
                Clock.systemUTC()).create(new NewUser("rob", "password-rob", Role.rep, Optional.of("east"))).await();
    }

    @AfterEach
    void stop() {
        for (AsyncDatabase pool : pools) {
            pool.close().await();
        }
        vertx.close().await();
        databases.stream().distinct().forEach(Database::close);
    }

    /** Sends them all, alternating nodes, before waiting; counts the outcomes by exception class (or "ok"). */
    private Map<String, Integer> burst(BiFunction<AuthService, Integer, Future<?>> attempt) {
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            sent.add(attempt.apply(nodes.get(i % nodes.size()), i));
        }
        Future.join(new ArrayList<>(sent)).otherwiseEmpty().await();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Future<?> f : sent) {
            outcomes.merge(f.succeeded() ? "ok" : f.cause().getClass().getSimpleName(), 1, Integer::sum);
        }
        return outcomes;
    }

    @Test
    void should_judge_at_most_five_of_forty_wrong_passwords_sent_at_once_to_two_nodes() {
        Map<String, Integer> outcomes = burst((node, i) -> node.login("rob", "guess-" + i, "198.51.100." + i));

        assertThat(outcomes.keySet()).as("%s", outcomes).containsOnly("Unauthenticated", "TooManyAttempts");
        assertThat(outcomes.get("Unauthenticated")).as("judged: %s", outcomes).isLessThanOrEqualTo(5);
        Future<AuthService.Login> right = nodes.get(1).login("rob", "password-rob", "203.0.113.9");
        assertThat(right.otherwiseEmpty().await()).isNull();
        assertThat(right.cause()).isInstanceOf(TooManyAttempts.class);
    }

    @Test
    void should_judge_at_most_eight_of_forty_guesses_sent_at_once_from_one_address_to_two_nodes() {
        Map<String, Integer> outcomes = burst((node, i) -> node.login("nobody-" + i, "guess", "192.0.2.1"));

        assertThat(outcomes.keySet()).as("%s", outcomes).containsOnly("Unauthenticated", "TooManyAttempts");
        assertThat(outcomes.get("Unauthenticated")).as("judged: %s", outcomes).isLessThanOrEqualTo(8);
    }

    @Test
    void should_judge_at_most_five_of_forty_wrong_current_passwords_sent_at_once_to_two_nodes() {
        AuthService.Login login = nodes.get(0).login("rob", "password-rob", "192.0.2.7").await();
        Caller caller = nodes.get(0).authenticate(login.token(), false).await();

        Map<String, Integer> outcomes = burst((node, i) ->
                node.changePassword(caller, "guess-" + i, "a-new-secret", "192.0.2.7"));

        assertThat(outcomes.keySet()).as("%s", outcomes).containsOnly(InvalidInput.class.getSimpleName(),
                "TooManyAttempts");
        assertThat(outcomes.get(InvalidInput.class.getSimpleName())).as("judged: %s", outcomes).isLessThanOrEqualTo(5);
        // logins from that address are not affected
        assertThat(nodes.get(1).login("rob", "password-rob", "192.0.2.7").await().user().username()).isEqualTo("rob");
    }
}
