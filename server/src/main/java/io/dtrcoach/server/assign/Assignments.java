package io.dtrcoach.server.assign;

import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.Forbidden;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.persistence.AssignmentRepository;
import io.dtrcoach.server.persistence.AssignmentRepository.AssignmentRow;
import io.dtrcoach.server.persistence.AssignmentRepository.AttemptRow;
import io.dtrcoach.server.persistence.AssignmentRepository.RepRow;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.practice.ScenarioCatalog;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Assigning scenarios and programmes, and each rep's progress on them.
 * <ul>
 *   <li>Assign: a trainer or an admin, to any rep or team; a manager, only to reps of their own team or to that
 *       team.</li>
 *   <li>See progress: a rep, their own; a manager, their team's reps'; a trainer or an admin, everyone's.</li>
 * </ul>
 * An attempt counts for an assignment when it was started after the assignment was made; the scores are the scores
 * in effect (a reviewer's override counts).
 */
public final class Assignments {
    private final AsyncDatabase db;
    private final AssignmentRepository repo;
    private final ScenarioCatalog catalog;
    private final Clock clock;
    private final Duration dueSoon;

    /** @param dueSoon how long before its due time an unfinished assignment counts as due soon */
    public Assignments(AsyncDatabase db, AssignmentRepository repo, ScenarioCatalog catalog, Clock clock,
                       Duration dueSoon) {
        this.db = db;
        this.repo = repo;
        this.catalog = catalog;
        this.clock = clock;
        this.dueSoon = dueSoon;
    }

    public Future<Assignment> create(Caller caller, NewAssignment a) {
        User by = caller.user();
        if (!(by.is(Role.manager) || by.is(Role.trainer) || by.is(Role.admin))) {
            throw new Forbidden("only a manager, a trainer or an admin assigns practice");
        }
        for (String id : a.scenarios()) {
            if (catalog.current(id).isEmpty()) {
                throw new InvalidInput("scenarios", "no scenario '" + id + "' in the library");
            }
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (a.due().isBefore(today)) {
            throw new InvalidInput("due", "the due date is in the past");
        }
        long now = clock.millis();
        long dueAt = a.due().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return db.tx(c -> {
            Map<Long, String> teams = repo.teams(c);
            List<RepRow> reps = repo.reps(c);
            List<Long> userIds = new ArrayList<>();
            for (String name : a.reps()) {
                RepRow rep = reps.stream().filter(r -> r.username().equals(name)).findFirst()
                        .orElseThrow(() -> new InvalidInput("reps", "no active rep '" + name + "'"));
                if (by.is(Role.manager) && !by.inTeam(rep.teamId())) {
                    throw new Forbidden("a manager assigns only to the reps of their own team");
                }
                userIds.add(rep.id());
            }
            List<Long> teamIds = new ArrayList<>();
            for (String name : a.teams()) {
                long team = teams.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                        .findFirst().orElseThrow(() -> new InvalidInput("teams", "no team '" + name + "'"));
                if (by.is(Role.manager) && !by.inTeam(Optional.of(team))) {
                    throw new Forbidden("a manager assigns only to their own team");
                }
                teamIds.add(team);
            }
            String name = a.name().isEmpty() ? title(a.scenarios().get(0)) : a.name();
            long id = repo.insert(c, new AssignmentRepository.NewRow(name, by.id(), dueAt, a.requiredScore(), now,
                    a.scenarios(), userIds, teamIds));
            return assignment(new AssignmentRow(id, name, by.id(), by.username(), dueAt, a.requiredScore(), now,
                    a.scenarios(), userIds, teamIds), reps, teams);
        });
    }

    /** The caller's own assignments with their progress: unfinished first (soonest due first), then finished. */
    public Future<List<RepAssignment>> mine(Caller caller) {
        long me = caller.user().id();
        return progress(rep -> rep.id() == me).map(list -> list.stream()
                .sorted(Comparator.comparing(RepAssignment::complete)
                        .thenComparing(r -> r.assignment().due()))
                .toList());
    }

    /** The completion matrix the caller may see: one row per assignment and rep, by due date, then rep. */
    public Future<List<RepAssignment>> matrix(Caller caller) {
        User u = caller.user();
        Predicate<RepRow> visible = switch (u.role()) {
            case admin, trainer -> rep -> true;
            case manager -> rep -> u.inTeam(rep.teamId());
            case rep -> rep -> rep.id() == u.id();
        };
        return progress(visible);
    }

    /** Every rep's progress on every assignment (for the reminders), with the reps' rows. */
    Future<List<Pending>> everyone() {
        return db.lookup(c -> {
            Snapshot s = snapshot(c);
            return s.progress(rep -> true).stream()
                    .map(p -> new Pending(p, s.reps.stream().filter(r -> r.username().equals(p.rep())).findFirst()
                            .orElseThrow()))
                    .toList();
        });
    }

    /** One rep's progress on one assignment, with the rep's stored row (their address). */
    record Pending(RepAssignment progress, RepRow rep) {
    }

    private Future<List<RepAssignment>> progress(Predicate<RepRow> reps) {
        return db.lookup(c -> snapshot(c).progress(reps));
    }

    private Snapshot snapshot(java.sql.Connection c) throws java.sql.SQLException {
        List<AssignmentRow> all = repo.all(c);
        long since = all.stream().mapToLong(AssignmentRow::createdAt).min().orElse(Long.MAX_VALUE);
        List<AttemptRow> attempts = all.isEmpty() ? List.of() : repo.attempts(c, since);
        return new Snapshot(all, repo.reps(c), repo.teams(c), attempts, clock.instant());
    }

    private final class Snapshot {
        private final List<AssignmentRow> assignments;
        private final List<RepRow> reps;
        private final Map<Long, String> teams;
        private final List<AttemptRow> attempts;
        private final Instant now;

        Snapshot(List<AssignmentRow> assignments, List<RepRow> reps, Map<Long, String> teams,
                 List<AttemptRow> attempts, Instant now) {
            this.assignments = assignments;
            this.reps = reps;
            this.teams = teams;
            this.attempts = attempts;
            this.now = now;
        }

        List<RepAssignment> progress(Predicate<RepRow> visible) {
            List<RepAssignment> out = new ArrayList<>();
            for (AssignmentRow a : assignments) {
                Assignment assignment = assignment(a, reps, teams);
                for (RepRow rep : reps) {
                    boolean target = a.userIds().contains(rep.id())
                            || rep.teamId().map(a.teamIds()::contains).orElse(false);
                    if (target && visible.test(rep)) {
                        out.add(of(assignment, a, rep));
                    }
                }
            }
            return out;
        }

        private RepAssignment of(Assignment assignment, AssignmentRow a, RepRow rep) {
            List<ScenarioProgress> items = new ArrayList<>();
            for (Assignment.Item item : assignment.scenarios()) {
                List<AttemptRow> mine = attempts.stream().filter(t -> t.userId() == rep.id()
                        && t.scenarioId().equals(item.id()) && t.startedAt() >= a.createdAt()).toList();
                Optional<Integer> best = mine.stream().flatMap(t -> t.overall().stream()).max(Integer::compare);
                boolean met = mine.stream().filter(AttemptRow::ended).anyMatch(t -> a.requiredScore()
                        .map(req -> t.overall().orElse(-1) >= req)
                        .orElse(t.passed().orElse(false)));
                items.add(new ScenarioProgress(item.id(), item.title(), mine.size(), best, met));
            }
            int met = (int) items.stream().filter(ScenarioProgress::met).count();
            boolean complete = met == items.size();
            boolean overdue = !complete && now.isAfter(assignment.due());
            boolean soon = !complete && !overdue && !now.plus(dueSoon).isBefore(assignment.due());
            return new RepAssignment(assignment, rep.username(), rep.team(), items, met, items.size(), complete,
                    overdue, soon, items.stream().filter(i -> !i.met()).findFirst());
        }
    }

    private Assignment assignment(AssignmentRow a, List<RepRow> reps, Map<Long, String> teams) {
        return new Assignment(a.id(), a.name(),
                a.scenarios().stream().map(id -> new Assignment.Item(id, title(id))).toList(), a.assignedBy(),
                Instant.ofEpochMilli(a.createdAt()), Instant.ofEpochMilli(a.dueAt()), a.requiredScore(),
                a.userIds().stream().flatMap(id -> reps.stream().filter(r -> r.id() == id).map(RepRow::username))
                        .toList(),
                a.teamIds().stream().map(id -> teams.getOrDefault(id, "")).filter(n -> !n.isEmpty()).toList());
    }

    /** The library's title of a scenario, or its id once it has left the library. */
    private String title(String scenarioId) {
        return catalog.current(scenarioId).map(v -> v.scenario().title()).orElse(scenarioId);
    }
}
