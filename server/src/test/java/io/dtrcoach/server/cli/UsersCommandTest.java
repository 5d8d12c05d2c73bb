package io.dtrcoach.server.cli;

import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.server.persistence.UserRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UsersCommandTest {
    @TempDir
    Path data;

    @Test
    void should_add_a_rep_to_a_new_team_and_refuse_the_same_name_twice() {
        CommandLine cli = new CommandLine(new Main());
        int created = cli.execute("users", "add", "--data", data.toString(), "--username", "rita",
                "--password", "password-rita", "--role", "rep", "--team", "east");
        int again = new CommandLine(new Main()).execute("users", "add", "--data", data.toString(), "--username", "rita",
                "--password", "password-rita", "--role", "rep", "--team", "east");
        int noTeam = new CommandLine(new Main()).execute("users", "add", "--data", data.toString(), "--username", "rob",
                "--password", "password-rob", "--role", "rep");

        assertThat(created).isZero();
        assertThat(again).isEqualTo(1);
        assertThat(noTeam).isEqualTo(2);
        try (Database db = TestDatabases.h2(data)) {
            User rita = db.inTransaction(c -> new UserRepository().byUsername(c, "rita")).map(User::of).orElseThrow();
            assertThat(rita.role()).isEqualTo(Role.rep);
            assertThat(rita.team()).contains("east");
            Optional<User> rob = db.inTransaction(c -> new UserRepository().byUsername(c, "rob")).map(User::of);
            assertThat(rob).isEmpty();
        }
    }
}
