package io.dtrcoach.server.practice;

import io.dtrcoach.core.classify.Move;
import io.dtrcoach.core.conversation.Engine;
import io.dtrcoach.core.conversation.IntentMatcher;
import io.dtrcoach.core.state.ProspectState;
import io.dtrcoach.server.Json;
import io.dtrcoach.server.MutableClock;
import io.dtrcoach.server.TestConfig;
import io.dtrcoach.server.TestParts;
import io.dtrcoach.server.TestScenarios;
import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.auth.AuthService;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.Forbidden;
import io.dtrcoach.server.auth.NewUser;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.TooManyAttempts;
import io.dtrcoach.server.auth.Unauthenticated;
import io.dtrcoach.server.auth.UsernameTaken;
import io.dtrcoach.server.llm.FakeLlmServer;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.server.persistence.PracticeRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The persistence behaviour every database must have, run against H2 and PostgreSQL by the subclasses. Two
 * "nodes" (separate Vert.x instances and services) share one database, as clustered nodes do.
 */
abstract class PracticePersistenceContract {
    @TempDir
    Path tmp;

    private Database database;
    private final List<Node> nodes = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));
    private final Json json = new Json();

    record Node(Vertx vertx, Application app) {
    }

    protected abstract Database open(Path dir);

    @BeforeEach
    void openDatabase() {
        database = open(tmp);
    }

    @AfterEach
    void close() {
        for (Node n : nodes) {
            n.app().close().await();
            n.vertx().close().await();
        }
        if (database != null) { // null when the PostgreSQL variant was skipped (no DTR_TEST_PG_URL outside CI)
            database.close();
        }
    }

    private Node node(String scenarioVersion) {
        return node(scenarioVersion, Map.of());
    }

    private Node node(String scenarioVersion, Map<String, String> config) {
        Vertx vertx = Vertx.vertx();
        Application app = Application.start(vertx, database, TestConfig.config(tmp, config),
                TestParts.create(TestScenarios.catalog(scenarioVersion), clock)).await();
        Node n = new Node(vertx, app);
        nodes.add(n);
        return n;
    }

    private Caller login(Node node, String username, String password) {
        AuthService.Login login = node.app().auth().login(username, password, "10.0.0.1").await();
        return node.app().auth().authenticate(login.token(), false).await();
    }

    private Caller user(Node node, String name, Role role, String team) {
        node.app().users().create(new NewUser(name, "password-" + name, role, Optional.ofNullable(team))).await();
        return login(node, name, "password-" + name);
    }

    private ProspectState storedState(String sessionId) {
        String stateJson = database.inTransaction(c -> new PracticeRepository().session(c, sessionId)).orElseThrow()
                .stateJson();
        return json.read(stateJson, ProspectState.class);
    }

    @Test
    void should_continue_a_conversation_on_another_node_with_the_state_restored_exactly() {
        Node a = node("v1");
        Node b = node("v1");
        Caller rep = user(a, "rita", Role.rep, "east");
        StartedSession s = a.app().practice().sessions().start(rep, TestScenarios.ID).await();

        TurnReply first = a.app().practice().turns().take(rep, s.id(), "Honestly, no is fine if this isn't happening.").await();
        TurnReply second = b.app().practice().turns().take(rep, s.id(), "Thanks. Can I ask a question?").await();

        assertThat(first.reply()).isEqualTo("Honestly? Thanks for saying that.");
        assertThat(second.turn()).isEqualTo(2);
        assertThat(second.reply()).isEqualTo("Mm-hm.");

        // An engine that never saw the database, fed the same seed and lines, reaches the same state.
        ProspectState stored = storedState(s.id());
        Engine engine = new Engine(TestScenarios.stalled("v1"), new IntentMatcher(TestParts.embedder()),
                text -> List.of(new Move("other", 1.0)));
        ProspectState replay = engine.start(stored.seed());
        assertThat(engine.opening(replay)).isEqualTo(s.opening());
        replay = engine.step(replay, "Honestly, no is fine if this isn't happening.").after();
        replay = engine.step(replay, "Thanks. Can I ask a question?").after();
        assertThat(stored).isEqualTo(replay);
        assertThat(stored.vars()).containsEntry("comfort", 65);
        assertThat(stored.node()).isEqualTo("opening_up");
        assertThat(stored.missStreak()).isEqualTo(1);
    }

    @Test
    void should_accept_a_token_issued_by_another_node_and_forget_it_after_logout() {
        Node a = node("v1");
        Node b = node("v1");
        a.app().users().create(new NewUser("rita", "password-rita", Role.rep, Optional.of("east"))).await();
        AuthService.Login login = a.app().auth().login("rita", "password-rita", "10.0.0.1").await();

        Caller onB = b.app().auth().authenticate(login.token(), true).await();
        assertThat(onB.user().username()).isEqualTo("rita");
        assertThat(onB.csrfToken()).isEqualTo(login.csrfToken());

        b.app().auth().logout(onB).await();
        assertThatThrownBy(() -> a.app().auth().authenticate(login.token(), false).await())
                .isInstanceOf(Unauthenticated.class);
    }

    @Test
    void should_expire_a_token_after_its_time_to_live() {
        Node a = node("v1");
        a.app().users().create(new NewUser("rita", "password-rita", Role.rep, Optional.of("east"))).await();
        AuthService.Login login = a.app().auth().login("rita", "password-rita", "10.0.0.1").await();
        clock.advance(Duration.ofHours(11));
        assertThat(a.app().auth().authenticate(login.token(), false).await().user().username()).isEqualTo("rita");
        clock.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> a.app().auth().authenticate(login.token(), false).await())
                .isInstanceOf(Unauthenticated.class);
    }

    @Test
    void should_refuse_logins_after_too_many_failures_for_the_account_even_with_the_right_password() {
        Node a = node("v1");
        a.app().users().create(new NewUser("rita", "password-rita", Role.rep, Optional.of("east"))).await();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> a.app().auth().login("rita", "wrong-password", "10.0.0." + 1).await())
                    .isInstanceOf(Unauthenticated.class);
        }
        assertThatThrownBy(() -> a.app().auth().login("rita", "password-rita", "10.9.9.9").await())
                .isInstanceOf(TooManyAttempts.class);
        clock.advance(Duration.ofMinutes(16));
        assertThat(a.app().auth().login("rita", "password-rita", "10.9.9.9").await().user().username())
                .isEqualTo("rita");
    }

    @Test
    void should_refuse_logins_from_an_address_that_guessed_too_often() {
        Node a = node("v1");
        a.app().users().create(new NewUser("rita", "password-rita", Role.rep, Optional.of("east"))).await();
        for (int i = 0; i < 8; i++) {
            String name = "nobody" + i;
            assertThatThrownBy(() -> a.app().auth().login(name, "whatever-pw", "10.6.6.6").await())
                    .isInstanceOf(Unauthenticated.class);
        }
        assertThatThrownBy(() -> a.app().auth().login("rita", "password-rita", "10.6.6.6").await())
                .isInstanceOf(TooManyAttempts.class);
        assertThat(a.app().auth().login("rita", "password-rita", "10.7.7.7").await().user().username())
                .isEqualTo("rita");
    }

    @Test
    void should_refuse_a_second_user_with_the_same_name() {
        Node a = node("v1");
        a.app().users().create(new NewUser("rita", "password-rita", Role.rep, Optional.of("east"))).await();
        assertThatThrownBy(() -> a.app().users()
                .create(new NewUser("rita", "another-password", Role.trainer, Optional.empty())).await())
                .isInstanceOf(UsernameTaken.class);
    }

    @Test
    void should_keep_every_committed_turn_in_order_when_two_nodes_race_on_one_session() {
        Node a = node("v1");
        Node b = node("v1");
        Caller rep = user(a, "rita", Role.rep, "east");
        StartedSession s = a.app().practice().sessions().start(rep, TestScenarios.ID).await();

        List<Future<TurnReply>> attempts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            attempts.add(a.app().practice().turns().take(rep, s.id(), "line a" + i));
            attempts.add(b.app().practice().turns().take(rep, s.id(), "line b" + i));
        }
        Future.join(attempts).otherwiseEmpty().await();

        List<TurnReply> won = new ArrayList<>();
        for (Future<TurnReply> f : attempts) {
            if (f.succeeded()) {
                won.add(f.result());
            } else {
                assertThat(f.cause()).isInstanceOfAny(TurnConflict.class, SessionEnded.class);
            }
        }
        SessionTranscript t = a.app().practice().sessions().transcript(rep, s.id()).await();
        assertThat(won).isNotEmpty();
        assertThat(t.turns()).hasSize(won.size());
        assertThat(t.turns()).extracting(TranscriptTurn::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, won.size()).boxed().toList());
        for (TurnReply r : won) {
            assertThat(t.turns().get(r.turn() - 1).reply()).isEqualTo(r.reply());
        }
        assertThat(storedState(s.id()).turn()).isEqualTo(won.size());
    }

    @Test
    void should_still_find_the_tables_on_connections_whose_first_transactions_rolled_back() throws Exception {
        // Every pooled connection's first transaction fails and is rolled back; none may lose its schema setting
        // (on PostgreSQL a search_path set inside that first transaction would be rolled back with it).
        PracticeRepository repo = new PracticeRepository();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                boolean fail = i < 16;
                work.add(threads.submit(() -> {
                    if (fail) {
                        assertThatThrownBy(() -> database.<Object>inTransaction(c -> {
                            throw new IllegalStateException("rolled back on purpose");
                        })).hasMessage("rolled back on purpose");
                    } else {
                        Optional<PracticeRepository.SessionRow> none = database.inTransaction(c -> repo.session(c, "no-such-session"));
                        assertThat(none).isEmpty();
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : work) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void should_let_only_one_of_two_writers_advance_from_the_same_turn() {
        Node a = node("v1");
        Caller rep = user(a, "rita", Role.rep, "east");
        StartedSession s = a.app().practice().sessions().start(rep, TestScenarios.ID).await();
        PracticeRepository repo = new PracticeRepository();
        boolean first = database.inTransaction(c -> repo.advance(c, s.id(), 0, "{}", Optional.empty(), 1L));
        boolean second = database.inTransaction(c -> repo.advance(c, s.id(), 0, "{}", Optional.empty(), 2L));
        assertThat(first).isTrue();
        assertThat(second).isFalse();
    }

    @Test
    void should_store_and_return_a_reps_html_unchanged() {
        Node a = node("v1");
        Caller rep = user(a, "rita", Role.rep, "east");
        StartedSession s = a.app().practice().sessions().start(rep, TestScenarios.ID).await();
        String hostile = "<script>alert('x')</script> <b>bold</b> & \"quoted\" 'single' </textarea>";
        a.app().practice().turns().take(rep, s.id(), hostile).await();
        SessionTranscript t = a.app().practice().sessions().transcript(rep, s.id()).await();
        assertThat(t.turns().get(0).rep()).isEqualTo(hostile);
    }

    @Test
    void should_go_on_with_the_scenario_version_a_session_started_with_after_the_file_changed() {
        Node a = node("v1");
        Caller rep = user(a, "rita", Role.rep, "east");
        StartedSession old = a.app().practice().sessions().start(rep, TestScenarios.ID).await();
        Node b = node("v2");

        TurnReply reply = b.app().practice().turns().take(rep, old.id(), "no is fine, really").await();
        assertThat(reply.reply()).isEqualTo("Honestly? Thanks for saying that.");
        StartedSession fresh = b.app().practice().sessions().start(rep, TestScenarios.ID).await();

        SessionTranscript oldT = b.app().practice().sessions().transcript(rep, old.id()).await();
        SessionTranscript freshT = b.app().practice().sessions().transcript(rep, fresh.id()).await();
        assertThat(oldT.session().scenarioTitle()).isEqualTo("v1");
        assertThat(freshT.session().scenarioTitle()).isEqualTo("v2");
    }

    @Test
    void should_end_once_and_return_the_same_report_every_time() {
        Node a = node("v1");
        Node b = node("v1");
        Caller rep = user(a, "rita", Role.rep, "east");
        StartedSession s = a.app().practice().sessions().start(rep, TestScenarios.ID).await();
        a.app().practice().turns().take(rep, s.id(), "Can you sign by Friday?").await();

        SessionReport first = a.app().practice().sessions().end(rep, s.id()).await();
        SessionReport again = b.app().practice().sessions().end(rep, s.id()).await();

        assertThat(first.report().outcome().ending()).contains("rep_ended");
        assertThat(first.report().dimensions().get("pressure").score()).isEqualTo(60);
        assertThat(again.report()).isEqualTo(first.report());
        assertThatThrownBy(() -> a.app().practice().turns().take(rep, s.id(), "one more thing").await())
                .isInstanceOf(SessionEnded.class);
    }

    @Test
    void should_score_and_end_the_session_when_the_prospect_reaches_an_ending() {
        Node a = node("v1");
        Caller rep = user(a, "rita", Role.rep, "east");
        StartedSession s = a.app().practice().sessions().start(rep, TestScenarios.ID).await();
        a.app().practice().turns().take(rep, s.id(), "It's fine if this is not a priority any more.").await();
        TurnReply last = a.app().practice().turns().take(rep, s.id(), "What has changed on your side?").await();

        assertThat(last.ended()).isTrue();
        assertThat(last.ending()).contains("honest_answer");
        SessionSummary summary = a.app().practice().sessions().list(rep, filter()).await().get(0);
        assertThat(summary.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(summary.overall()).contains(95);
        SessionReport report = a.app().practice().reports().report(rep, s.id()).await();
        assertThat(report.report().outcome().revealedFacts().get(0)).isEqualTo("budget_freeze");
    }

    @Test
    void should_keep_the_original_score_when_a_manager_overrides_it_and_show_comments_on_the_turn() {
        Node a = node("v1");
        Caller rep = user(a, "rita", Role.rep, "east");
        Caller manager = user(a, "mona", Role.manager, "east");
        Caller otherManager = user(a, "omar", Role.manager, "west");
        StartedSession s = a.app().practice().sessions().start(rep, TestScenarios.ID).await();
        a.app().practice().turns().take(rep, s.id(), "Can you sign by Friday?").await();
        a.app().practice().sessions().end(rep, s.id()).await();

        a.app().practice().reviews().comment(manager, s.id(), 1, "Too early <b>for</b> this ask").await();
        ScoreOverride o = a.app().practice().reviews().override(manager, s.id(), "pressure", 30, "Two deadlines in one line").await();

        SessionReport report = a.app().practice().reports().report(rep, s.id()).await();
        assertThat(o.originalScore()).contains(60);
        assertThat(report.report().dimensions().get("pressure").score()).isEqualTo(60);
        assertThat(report.effectiveScores()).containsEntry("pressure", 30);
        assertThat(report.overrides()).extracting(ScoreOverride::reason).containsExactly("Two deadlines in one line");
        assertThat(a.app().practice().sessions().transcript(rep, s.id()).await().turns().get(0).comments())
                .extracting(TurnComment::text).containsExactly("Too early <b>for</b> this ask");
        assertThatThrownBy(() -> a.app().practice().reviews().override(otherManager, s.id(), "pressure", 10, "no").await())
                .isInstanceOf(SessionNotFound.class);
        assertThatThrownBy(() -> a.app().practice().reviews().comment(rep, s.id(), 1, "me").await())
                .isInstanceOf(Forbidden.class);
    }

    @Test
    void should_show_the_overall_and_pass_in_effect_after_overrides_in_the_report_and_every_list() {
        Node a = node("v1");
        Caller rep = user(a, "rita", Role.rep, "east");
        Caller manager = user(a, "mona", Role.manager, "east");
        StartedSession s = a.app().practice().sessions().start(rep, TestScenarios.ID).await();
        a.app().practice().turns().take(rep, s.id(), "Can you sign by Friday?").await();
        a.app().practice().sessions().end(rep, s.id()).await();
        SessionReport computed = a.app().practice().reports().report(rep, s.id()).await();
        int overall = computed.report().overall();
        int pass = computed.report().pass();
        double pressureWeight = computed.report().dimensions().get("pressure").weight();
        int pressure = computed.report().dimensions().get("pressure").score();
        assertThat(computed.effectivePassed()).isEqualTo(overall >= pass).isFalse();

        // Raising one dimension raises the overall by its weight: recomputed, stored for the lists.
        a.app().practice().reviews().override(manager, s.id(), "pressure", 100, "The deadline was the prospect's own").await();
        SessionReport raised = a.app().practice().reports().report(rep, s.id()).await();
        int expected = (int) Math.round(weightedSum(computed) + pressureWeight * (100 - pressure));
        assertThat(raised.effectiveScores()).containsEntry("pressure", 100).containsEntry("overall", expected);
        assertThat(raised.overallRecomputed()).isTrue();
        assertThat(raised.report().overall()).isEqualTo(overall); // the computed report is kept
        assertThat(a.app().practice().sessions().list(manager, filter()).await()).singleElement()
                .satisfies(x -> assertThat(x.overall()).contains(expected))
                .satisfies(x -> assertThat(x.passed()).contains(expected >= pass));

        // A reviewer's overall stands: passed in the report, the lists and the CSV export.
        a.app().practice().reviews().override(manager, s.id(), "overall", 90, "Clean no, well handled").await();
        SessionReport set = a.app().practice().reports().report(rep, s.id()).await();
        assertThat(set.effectiveScores()).containsEntry("overall", 90);
        assertThat(set.effectivePassed()).isTrue();
        assertThat(set.overallRecomputed()).isFalse();
        List<SessionSummary> mine = a.app().practice().sessions().list(rep, filter()).await();
        assertThat(mine).singleElement().satisfies(x -> assertThat(x.overall()).contains(90))
                .satisfies(x -> assertThat(x.passed()).contains(true));
        assertThat(SessionCsv.write(mine, java.util.Map.of())).contains(",90,true");
    }

    private static double weightedSum(SessionReport r) {
        double sum = 0;
        for (var d : r.report().dimensions().values()) {
            sum += d.weight() * d.score();
        }
        return sum;
    }

    @Test
    void should_list_only_what_each_role_may_see_with_filters() {
        Node a = node("v1");
        Caller rita = user(a, "rita", Role.rep, "east");
        Caller rob = user(a, "rob", Role.rep, "east");
        Caller wes = user(a, "wes", Role.rep, "west");
        Caller mona = user(a, "mona", Role.manager, "east");
        a.app().practice().sessions().start(rita, TestScenarios.ID).await();
        clock.advance(Duration.ofDays(2));
        a.app().practice().sessions().start(rob, TestScenarios.ID).await();
        a.app().practice().sessions().start(wes, TestScenarios.ID).await();

        assertThat(a.app().practice().sessions().list(rita, filter()).await()).extracting(SessionSummary::rep)
                .containsExactly("rita");
        assertThat(a.app().practice().sessions().list(mona, filter()).await()).extracting(SessionSummary::rep)
                .containsExactlyInAnyOrder("rita", "rob");
        assertThat(a.app().practice().sessions().list(mona, new SessionFilter(Optional.of("rob"), Optional.empty(),
                Optional.empty(), Optional.empty(), 100)).await()).extracting(SessionSummary::rep).containsExactly("rob");
        assertThat(a.app().practice().sessions().list(mona, new SessionFilter(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Instant.parse("2026-11-28T00:00:00Z")), 100)).await())
                .extracting(SessionSummary::rep).containsExactly("rita");
        assertThatThrownBy(() -> a.app().practice().sessions().list(rita, new SessionFilter(Optional.of("rob"),
                Optional.empty(), Optional.empty(), Optional.empty(), 100)).await()).isInstanceOf(Forbidden.class);
    }

    private static SessionFilter filter() {
        return new SessionFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100);
    }

    @Test
    void should_keep_the_written_debrief_with_the_session_for_every_node_and_ask_the_model_once() {
        Vertx modelHost = Vertx.vertx();
        FakeLlmServer fake = FakeLlmServer.start(modelHost).await();
        try {
            Map<String, String> llm = Map.of("llm.provider", "openai", "llm.base-url", fake.openAiBaseUrl(),
                    "llm.model", "fake-model");
            Node a = node("v1", llm);
            Node b = node("v1", llm);
            Caller rep = user(a, "rita", Role.rep, "east");
            StartedSession s = a.app().practice().sessions().start(rep, TestScenarios.ID).await();
            a.app().practice().turns().take(rep, s.id(), "Honestly, no is fine if this isn't happening.").await();
            a.app().practice().sessions().end(rep, s.id()).await();
            String written = "You made no safe to say. Next time, ask who else decides.";
            fake.enqueue(FakeLlmServer.Reply.text(written));

            // a double click on one node, then the other node (as after a restart, or behind a load balancer)
            Future<String> first = a.app().practice().debriefs().write(rep, s.id());
            Future<String> second = a.app().practice().debriefs().write(rep, s.id());
            assertThat(first.await()).isEqualTo(written);
            assertThat(second.await()).isEqualTo(written);
            assertThat(b.app().practice().debriefs().stored(rep, s.id()).await()).contains(written);
            assertThat(b.app().practice().debriefs().write(rep, s.id()).await()).isEqualTo(written);
            assertThat(fake.requests()).as("one model call for the session").hasSize(1);

            Caller rob = user(a, "rob", Role.rep, "east");
            assertThatThrownBy(() -> b.app().practice().debriefs().stored(rob, s.id()).await())
                    .isInstanceOf(SessionNotFound.class);
        } finally {
            fake.close().await();
            modelHost.close().await();
        }
    }
}
