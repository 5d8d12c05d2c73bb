package io.dtrcoach.server.assign;

import io.dtrcoach.server.mail.Mailer;
import io.dtrcoach.server.persistence.AssignmentRepository;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Email reminders, checked every so often: an assignment due soon, one overdue (each once per assignment and rep),
 * and a reviewer's comment on a rep's session (once per comment). A reminder is claimed in {@code reminders_sent}
 * before it is sent, so no two rounds and no two nodes send it twice; a send that fails gives the claim back and a
 * later round tries again. Reps without an email address get none. The database work runs on the JDBC pool and the
 * SMTP client is non-blocking: nothing here blocks an event loop.
 */
public final class Reminders {
    public static final String DUE_SOON = "due_soon";
    public static final String OVERDUE = "overdue";
    public static final String COMMENT = "comment";
    private static final Logger LOG = LoggerFactory.getLogger(Reminders.class);
    /** Comments older than this when first seen (say, mail was just turned on) are not mailed. */
    private static final Duration COMMENT_WINDOW = Duration.ofDays(2);

    private final Assignments assignments;
    private final AsyncDatabase db;
    private final AssignmentRepository repo;
    private final Mailer mailer;
    private final Clock clock;
    private final Optional<String> baseUrl;
    private final AtomicBoolean running = new AtomicBoolean();

    public Reminders(Assignments assignments, AsyncDatabase db, AssignmentRepository repo, Mailer mailer, Clock clock,
                     Optional<String> baseUrl) {
        this.assignments = assignments;
        this.db = db;
        this.repo = repo;
        this.mailer = mailer;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** One mail to send, and the claim that makes it once only. */
    private record Mail(String kind, String subject, long userId, String to, String title, String text) {
    }

    /** Checks every {@code every}; returns the timer id. */
    public long schedule(Vertx vertx, Duration every) {
        return vertx.setPeriodic(every.toMillis(), id -> runOnce()
                .onFailure(e -> LOG.warn("Checking email reminders failed", e)));
    }

    /** One round: sends what is due and not sent yet; the number sent (0 when a round is already running). */
    public Future<Integer> runOnce() {
        if (!running.compareAndSet(false, true)) {
            return Future.succeededFuture(0);
        }
        long since = clock.instant().minus(COMMENT_WINDOW).toEpochMilli();
        Future<List<Mail>> due = assignments.everyone().map(this::assignmentMails);
        Future<List<Mail>> comments = db.lookup(c -> repo.commentsSince(c, since)).map(this::commentMails);
        return Future.all(due, comments).compose(v -> {
            List<Mail> all = new ArrayList<>(due.result());
            all.addAll(comments.result());
            Future<Integer> chain = Future.succeededFuture(0);
            for (Mail m : all) {
                chain = chain.compose(n -> deliver(m).map(sent -> sent ? n + 1 : n));
            }
            return chain;
        }).andThen(ar -> running.set(false));
    }

    private Future<Boolean> deliver(Mail m) {
        long now = clock.millis();
        return db.tx(c -> repo.claimReminder(c, m.kind(), m.subject(), m.userId(), now))
                .otherwise(false) // a claim lost to another node's at the same moment
                .compose(claimed -> !claimed ? Future.succeededFuture(false)
                        : mailer.send(m.to(), m.title(), m.text()).map(true).recover(e -> {
                            LOG.warn("Mailing a {} reminder to user {} failed: {}", m.kind(), m.userId(),
                                    e.getMessage());
                            return db.tx(c -> {
                                repo.releaseReminder(c, m.kind(), m.subject(), m.userId());
                                return false;
                            });
                        }));
    }

    private List<Mail> assignmentMails(List<Assignments.Pending> pending) {
        List<Mail> out = new ArrayList<>();
        for (Assignments.Pending p : pending) {
            RepAssignment r = p.progress();
            if (p.rep().email().isEmpty() || r.complete() || !(r.overdue() || r.dueSoon())) {
                continue;
            }
            Assignment a = r.assignment();
            LocalDate lastDay = LocalDate.ofInstant(a.due().minusMillis(1), ZoneOffset.UTC);
            String title = (r.overdue() ? "Overdue since " : "Due by the end of ") + lastDay + ": " + a.name();
            StringBuilder text = new StringBuilder("Hello ").append(r.rep()).append(",\n\n")
                    .append(r.overdue() ? "This practice was due by the end of " : "This practice is due by the end of ")
                    .append(lastDay).append(" (UTC): ").append(a.name()).append(".\n")
                    .append("Done so far: ").append(r.met()).append(" of ").append(r.total())
                    .append(" (to count, ").append(a.requirement()).append(").\n");
            r.next().ifPresent(n -> text.append("Next: ").append(n.title()).append(".\n"));
            baseUrl.ifPresent(u -> text.append("\n").append(u).append("/scenarios\n"));
            out.add(new Mail(r.overdue() ? OVERDUE : DUE_SOON, Long.toString(a.id()), p.rep().id(),
                    p.rep().email().get(), title, text.toString()));
        }
        return out;
    }

    private List<Mail> commentMails(List<AssignmentRepository.CommentRow> comments) {
        List<Mail> out = new ArrayList<>();
        for (AssignmentRepository.CommentRow c : comments) {
            if (c.repEmail().isEmpty()) {
                continue;
            }
            StringBuilder text = new StringBuilder(c.author()).append(" commented on turn ").append(c.turnNumber())
                    .append(" of your practice \"").append(c.scenarioTitle()).append("\":\n\n").append(c.text())
                    .append("\n");
            baseUrl.ifPresent(u -> text.append("\n").append(u).append("/sessions/").append(c.sessionId())
                    .append("/report#turn-").append(c.turnNumber()).append("\n"));
            out.add(new Mail(COMMENT, Long.toString(c.id()), c.repId(), c.repEmail().get(),
                    c.author() + " commented on your practice: " + c.scenarioTitle(), text.toString()));
        }
        return out;
    }
}
