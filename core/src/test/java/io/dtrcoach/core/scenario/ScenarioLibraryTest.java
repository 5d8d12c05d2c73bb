package io.dtrcoach.core.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioLibraryTest {
    private final ScenarioLoader loader = new ScenarioLoader();

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static String scenario(String id) {
        return MinimalScenario.with("id: minimal", "id: " + id);
    }

    @Test
    void should_load_every_yaml_file_of_a_folder_by_id() throws IOException {
        write("a.yaml", scenario("alpha"));
        write("sub/b.yml", scenario("beta"));
        write("notes.txt", "not a scenario");
        write(".#a.yaml", "editor lock file");

        ScenarioLibrary library = ScenarioLibrary.fromDirectory(dir, loader);

        assertThat(library.ids()).containsExactly("alpha", "beta");
        assertThat(library.get("beta").source()).isEqualTo(dir.resolve("sub/b.yml").toString());
        assertThat(library.problems()).isEmpty();
    }

    @Test
    void should_keep_the_other_files_when_one_is_broken() throws IOException {
        write("a.yaml", scenario("alpha"));
        write("b.yaml", scenario("beta").replace("max_turns: 10", "max_turns: ten"));
        write("c.yaml", "\u0000\u0001 junk");

        ScenarioLibrary library = ScenarioLibrary.fromDirectory(dir, loader);

        assertThat(library.ids()).containsExactly("alpha");
        assertThat(library.hasErrors()).isTrue();
        assertThat(library.file(dir.resolve("b.yaml").toString()).orElseThrow().problems())
                .extracting(Problem::toString)
                .containsExactly(dir.resolve("b.yaml") + ":9:14: error: expected an integer for brief.max_turns, "
                        + "found a string");
        assertThat(library.file(dir.resolve("c.yaml").toString()).orElseThrow().hasErrors()).isTrue();
    }

    @Test
    void should_report_a_duplicate_id_on_the_second_file_at_its_id() throws IOException {
        write("a.yaml", scenario("alpha"));
        write("b.yaml", scenario("alpha"));

        ScenarioLibrary library = ScenarioLibrary.fromDirectory(dir, loader);

        assertThat(library.get("alpha").source()).isEqualTo(dir.resolve("a.yaml").toString());
        assertThat(library.file(dir.resolve("b.yaml").toString()).orElseThrow().problems())
                .extracting(Problem::toString)
                .containsExactly(dir.resolve("b.yaml") + ":2:1: error: duplicate scenario id 'alpha': already used by "
                        + dir.resolve("a.yaml"));
    }

    @Test
    void should_throw_scenario_not_found_for_an_unknown_id() {
        assertThatThrownBy(() -> ScenarioLibrary.empty().get("nope"))
                .isInstanceOf(ScenarioNotFound.class)
                .hasMessage("no scenario 'nope'");
        assertThat(ScenarioLibrary.empty().find("nope")).isEmpty();
    }

    @Test
    void should_report_a_missing_folder() {
        ScenarioLibrary library = ScenarioLibrary.fromDirectory(dir.resolve("nope"), loader);

        assertThat(library.scenarios()).isEmpty();
        assertThat(library.problems()).extracting(Problem::message).containsExactly("no such folder");
    }

    @Test
    void should_load_the_files_the_classpath_index_lists() {
        ScenarioLibrary library = ScenarioLibrary.fromClasspath(getClass().getClassLoader(), "scenario/library/",
                loader);

        assertThat(library.ids()).containsExactly("alpha", "gamma");
        assertThat(library.files()).extracting(ScenarioLibrary.Entry::source).containsExactly(
                "scenario/library/alpha.yaml", "scenario/library/beta.yaml", "scenario/library/gamma.yaml",
                "scenario/library/missing.yaml");
        assertThat(library.problems()).extracting(Problem::toString).containsExactly(
                "scenario/library/beta.yaml:9:14: error: brief.max_turns must be between 1 and 60, found 100",
                "scenario/library/missing.yaml:1:1: error: listed in scenario/library/index.txt but not on the "
                        + "classpath");
    }

    @Test
    void should_report_a_missing_classpath_index() {
        ScenarioLibrary library = ScenarioLibrary.fromClasspath(getClass().getClassLoader(), "no/such/", loader);

        assertThat(library.problems()).extracting(Problem::toString)
                .containsExactly("no/such/index.txt:1:1: error: no scenario index on the classpath");
    }

    @Test
    void should_keep_the_last_good_version_of_a_file_saved_broken() throws IOException {
        Path a = write("a.yaml", scenario("alpha"));
        write("b.yaml", scenario("beta"));
        ScenarioLibrary before = ScenarioLibrary.fromDirectory(dir, loader);
        Scenario goodAlpha = before.get("alpha");

        Files.writeString(a, scenario("alpha").replace("title: Minimal", "title: [oops"));
        ScenarioLibrary after = ScenarioLibrary.fromDirectory(dir, loader).refresh(before);

        assertThat(after.get("alpha")).isSameAs(goodAlpha);
        ScenarioLibrary.Entry entry = after.file(a.toString()).orElseThrow();
        assertThat(entry.stale()).isTrue();
        assertThat(entry.hasErrors()).isTrue();
        assertThat(entry.problems()).first().satisfies(p -> assertThat(p.location().line()).isEqualTo(4));
        assertThat(after.ids()).containsExactly("alpha", "beta");
    }

    @Test
    void should_take_the_new_version_once_the_file_is_fixed_and_drop_deleted_files() throws IOException {
        Path a = write("a.yaml", scenario("alpha"));
        Path b = write("b.yaml", scenario("beta"));
        ScenarioLibrary first = ScenarioLibrary.fromDirectory(dir, loader);
        Files.writeString(a, "broken: [");
        ScenarioLibrary second = ScenarioLibrary.fromDirectory(dir, loader).refresh(first);

        Files.writeString(a, scenario("alpha").replace("title: Minimal", "title: Fixed"));
        Files.delete(b);
        ScenarioLibrary third = ScenarioLibrary.fromDirectory(dir, loader).refresh(second);

        assertThat(third.get("alpha").title()).isEqualTo("Fixed");
        assertThat(third.file(a.toString()).orElseThrow().stale()).isFalse();
        assertThat(third.ids()).containsExactly("alpha");
    }

    @Test
    void should_keep_the_same_scenario_instance_for_an_unchanged_file_and_report_what_changed() throws IOException {
        write("a.yaml", scenario("alpha"));
        Path b = write("b.yaml", scenario("beta"));
        Path c = write("c.yaml", scenario("gamma"));
        ScenarioLibrary before = ScenarioLibrary.fromDirectory(dir, loader);

        Files.writeString(b, scenario("beta").replace("title: Minimal", "title: Changed"));
        Files.delete(c);
        write("d.yaml", scenario("delta"));
        ScenarioLibrary after = ScenarioLibrary.fromDirectory(dir, loader).refresh(before);

        assertThat(after.get("alpha")).isSameAs(before.get("alpha"));
        assertThat(after.get("beta")).isNotSameAs(before.get("beta"));
        ScenarioLibrary.Changes changes = after.changesSince(before);
        assertThat(changes.added()).containsExactly("delta");
        assertThat(changes.removed()).containsExactly("gamma");
        assertThat(changes.updated()).containsExactly("beta");
        assertThat(ScenarioLibrary.fromDirectory(dir, loader).refresh(after).changesSince(after).isEmpty()).isTrue();
    }

    @Test
    void should_combine_libraries_with_the_later_file_losing_a_shared_id() throws IOException {
        write("x/a.yaml", scenario("alpha"));
        write("y/a.yaml", scenario("alpha"));
        ScenarioLibrary shipped = ScenarioLibrary.fromDirectory(dir.resolve("x"), loader);
        ScenarioLibrary local = ScenarioLibrary.fromDirectory(dir.resolve("y"), loader);

        ScenarioLibrary both = shipped.plus(local);

        assertThat(both.get("alpha").source()).isEqualTo(dir.resolve("x/a.yaml").toString());
        assertThat(both.problems()).extracting(Problem::message)
                .containsExactly("duplicate scenario id 'alpha': already used by " + dir.resolve("x/a.yaml"));
    }

    @Test
    void should_validate_files_and_folders_and_summarise() throws IOException {
        write("ok/a.yaml", scenario("alpha"));
        String beta = scenario("beta");
        write("ok/b.yaml", beta.substring(0, beta.indexOf("tests:")) + beta.substring(beta.indexOf("reactions:")));
        Path broken = write("broken.yaml", scenario("gamma").replace("max_turns: 10", "max_turns: 0"));

        ScenarioValidator.Report report = new ScenarioValidator(loader).validate(List.of(dir.resolve("ok"), broken,
                dir.resolve("missing.yaml")));

        assertThat(report.ok()).isFalse();
        assertThat(report.lines()).containsExactly(
                dir.resolve("missing.yaml") + ":1:1: error: no such file or folder",
                dir.resolve("ok/b.yaml") + ":1:1: warning: the scenario has no tests; add a tests: section with at "
                        + "least one scripted transcript",
                broken + ":9:14: error: brief.max_turns must be between 1 and 60, found 0");
        assertThat(report.summary()).isEqualTo("4 files checked: 2 errors, 1 warning");
    }
}
