package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.persistence.UserRepository;
import io.vertx.core.Future;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Users and teams from CSV (the columns and rules are in docs/admins/users.md). Every row is checked first, then
 * everything is written in one transaction: a file with any bad row imports nothing, and every bad row is reported
 * with its line.
 */
final class UserImport {
    static final List<String> COLUMNS = List.of("username", "password", "role", "team", "display_name", "email");
    static final int MAX_ROWS = 2000;

    private record Row(int line, NewUser user, UserRepository.Profile profile, boolean generated) {
    }

    private final AsyncDatabase db;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final Clock clock;

    UserImport(AsyncDatabase db, UserRepository users, PasswordHasher hasher, Tokens tokens, Clock clock) {
        this.db = db;
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
    }

    Future<ImportedUsers> run(String csv) {
        List<ImportRefused.Problem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Set<String> teams = new LinkedHashSet<>();
        read(csv, problems, rows, teams);
        if (problems.isEmpty() && rows.isEmpty() && teams.isEmpty()) {
            problems.add(new ImportRefused.Problem(1, "there is no row to import"));
        }
        // names already taken are reported with the file's own problems (and checked again when writing)
        return db.tx(c -> taken(c, rows)).compose(takenNames -> {
            List<ImportRefused.Problem> all = new ArrayList<>(problems);
            all.addAll(takenNames);
            all.sort(java.util.Comparator.comparingInt(ImportRefused.Problem::line));
            if (!all.isEmpty()) {
                return Future.failedFuture(new ImportRefused(all));
            }
            return db.work(() -> rows.stream().map(r -> hasher.hash(r.user().password())).toList())
                    .compose(hashes -> db.tx(c -> write(c, rows, hashes, teams)));
        });
    }

    private List<ImportRefused.Problem> taken(Connection c, List<Row> rows) throws SQLException {
        List<ImportRefused.Problem> problems = new ArrayList<>();
        for (Row r : rows) {
            if (users.credentials(c, r.user().username()).isPresent()) {
                problems.add(new ImportRefused.Problem(r.line(), "the username '" + r.user().username() + "' is taken"));
            }
        }
        return problems;
    }

    private void read(String csv, List<ImportRefused.Problem> problems, List<Row> rows, Set<String> teams) {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        List<CsvRecords.Record> records;
        try {
            records = CsvRecords.parse(text).records();
        } catch (CsvRecords.Unterminated e) {
            problems.add(new ImportRefused.Problem(e.line, e.getMessage()));
            return;
        }
        if (records.isEmpty()) {
            problems.add(new ImportRefused.Problem(1, "the file is empty; the first line names the columns: "
                    + String.join(",", COLUMNS)));
            return;
        }
        CsvRecords.Record header = records.get(0);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                problems.add(new ImportRefused.Problem(header.line(), "unknown column '" + name + "'; the columns are "
                        + String.join(", ", COLUMNS)));
            } else if (column.putIfAbsent(name, i) != null) {
                problems.add(new ImportRefused.Problem(header.line(), "the column '" + name + "' appears twice"));
            }
        }
        for (String needed : List.of("username", "role")) {
            if (!column.containsKey(needed)) {
                problems.add(new ImportRefused.Problem(header.line(), "the first line must name the column '" + needed + "'"));
            }
        }
        if (!problems.isEmpty()) {
            return;
        }
        if (records.size() - 1 > MAX_ROWS) {
            problems.add(new ImportRefused.Problem(records.get(MAX_ROWS + 1).line(),
                    "at most " + MAX_ROWS + " rows at a time"));
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (CsvRecords.Record r : records.subList(1, records.size())) {
            if (r.fields().size() > header.fields().size()) {
                problems.add(new ImportRefused.Problem(r.line(), "has " + r.fields().size() + " fields, the header "
                        + header.fields().size() + " (a comma inside a value needs double quotes)"));
                continue;
            }
            String username = value(r, column, "username");
            String team = value(r, column, "team");
            if (username.isEmpty() && value(r, column, "role").isEmpty() && !team.isEmpty()) {
                try {
                    NewUser.checkTeam(team);
                    teams.add(team); // a row with a team alone creates the team
                } catch (InvalidInput e) {
                    problems.add(new ImportRefused.Problem(r.line(), e.getMessage()));
                }
                continue;
            }
            try {
                Role role = Role.parse(value(r, column, "role")).orElseThrow(() -> new InvalidInput("role",
                        "role must be one of rep, trainer, manager, admin"));
                String given = column.containsKey("password") ? r.field(column.get("password")) : "";
                boolean generated = given.isEmpty();
                NewUser user = new NewUser(username, generated ? tokens.newPassword() : given, role,
                        team.isEmpty() ? Optional.empty() : Optional.of(team));
                UserEdit edit = new UserEdit(role, user.team(), Optional.of(value(r, column, "display_name")),
                        Optional.of(value(r, column, "email")));
                Integer before = seen.putIfAbsent(username, r.line());
                if (before != null) {
                    throw new InvalidInput("username", "the username '" + username + "' is also on line " + before);
                }
                rows.add(new Row(r.line(), user, edit.profile(), generated));
                user.team().ifPresent(teams::add);
            } catch (InvalidInput e) {
                problems.add(new ImportRefused.Problem(r.line(), e.getMessage()));
            }
        }
    }

    private ImportedUsers write(Connection c, List<Row> rows, List<String> hashes, Set<String> teams) throws SQLException {
        List<ImportRefused.Problem> problems = taken(c, rows); // created meanwhile by another request
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
        long now = clock.millis();
        List<String> newTeams = new ArrayList<>();
        Map<String, Long> teamIds = new HashMap<>();
        for (String team : teams) {
            Optional<UserRepository.Team> existing = users.team(c, team);
            if (existing.isEmpty()) {
                newTeams.add(team);
            }
            teamIds.put(team, existing.isPresent() ? existing.get().id() : users.teamOrCreate(c, team, now).id());
        }
        List<ImportedUsers.Created> created = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            long id;
            try {
                id = users.insert(c, r.user().username(), hashes.get(i), r.user().role().name(),
                        r.user().team().map(teamIds::get), now);
            } catch (SQLException e) {
                if (UserRepository.isUniqueViolation(e)) { // created by another request meanwhile: nothing is kept
                    throw new ImportRefused(List.of(new ImportRefused.Problem(r.line(),
                            "the username '" + r.user().username() + "' is taken")));
                }
                throw e;
            }
            users.setProfile(c, id, r.profile());
            created.add(new ImportedUsers.Created(r.user().username(), r.user().role(), r.user().team(),
                    r.generated() ? Optional.of(r.user().password()) : Optional.empty()));
        }
        return new ImportedUsers(created, newTeams);
    }

    private static String value(CsvRecords.Record r, Map<String, Integer> column, String name) {
        Integer i = column.get(name);
        return i == null ? "" : r.field(i).strip();
    }
}
