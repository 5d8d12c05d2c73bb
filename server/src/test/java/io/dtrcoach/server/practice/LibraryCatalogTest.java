package io.dtrcoach.server.practice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LibraryCatalogTest {
    @TempDir
    Path dir;

    private static String fixture() throws IOException {
        try (InputStream in = LibraryCatalogTest.class.getResourceAsStream("/test-scenarios/test-stalled.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void should_offer_a_directory_scenario_and_keep_its_last_good_version_when_an_edit_breaks_it() throws IOException {
        String good = fixture();
        Files.writeString(dir.resolve("test-stalled.yaml"), good);
        LibraryCatalog catalog = LibraryCatalog.load(getClass().getClassLoader(), Optional.of(dir));
        ScenarioVersion v1 = catalog.current("test-stalled").orElseThrow();
        assertThat(v1.content()).isEqualTo(good);
        assertThat(catalog.status().problems()).noneMatch(p -> p.contains("test-stalled.yaml"));

        Files.writeString(dir.resolve("test-stalled.yaml"), good.replace("comfort >= 60", "comfrot >= 60"));
        catalog.reload();

        assertThat(catalog.current("test-stalled")).contains(v1);
        assertThat(catalog.status().problems()).anyMatch(p -> p.contains("test-stalled.yaml:") && p.contains("comfrot"));

        Files.writeString(dir.resolve("test-stalled.yaml"), good.replace("(server test)", "(edited)"));
        catalog.reload();
        assertThat(catalog.current("test-stalled").orElseThrow().scenario().title()).endsWith("(edited)");
        assertThat(catalog.status().problems()).noneMatch(p -> p.contains("test-stalled.yaml"));
    }

    @Test
    void should_read_the_same_files_as_the_command_line_sub_folders_yes_hidden_files_no() throws IOException {
        Files.createDirectories(dir.resolve("team-east"));
        Files.writeString(dir.resolve("team-east/test-stalled.yaml"), fixture().replace("(server test)", "(east)"));
        Files.writeString(dir.resolve(".test-stalled.yaml.swp.yaml"), "not: [a scenario");
        LibraryCatalog catalog = LibraryCatalog.load(getClass().getClassLoader(), Optional.of(dir));
        assertThat(catalog.current("test-stalled").orElseThrow().scenario().title()).endsWith("(east)");
        assertThat(catalog.status().problems()).isEmpty();
    }

    @Test
    void should_report_two_directory_files_with_one_id_and_offer_only_the_first() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), fixture().replace("(server test)", "(a)"));
        Files.writeString(dir.resolve("b.yaml"), fixture().replace("(server test)", "(b)"));
        LibraryCatalog catalog = LibraryCatalog.load(getClass().getClassLoader(), Optional.of(dir));

        assertThat(catalog.current("test-stalled").orElseThrow().scenario().title()).endsWith("(a)");
        int idLine = fixture().lines().toList().indexOf(fixture().lines().filter(l -> l.startsWith("id:"))
                .findFirst().orElseThrow()) + 1;
        assertThat(catalog.status().problems()).containsExactly(dir.resolve("b.yaml") + ":" + idLine
                + ":1: error: duplicate scenario id 'test-stalled': already used by " + dir.resolve("a.yaml")
                + "; this file is not offered");

        Files.delete(dir.resolve("a.yaml"));
        catalog.reload();
        assertThat(catalog.current("test-stalled").orElseThrow().scenario().title()).endsWith("(b)");
        assertThat(catalog.status().problems()).isEmpty();
    }

    @Test
    void should_rebuild_a_scenario_from_stored_content() throws IOException {
        LibraryCatalog catalog = LibraryCatalog.load(getClass().getClassLoader(), Optional.empty());
        assertThat(catalog.parse(fixture(), "stored").id()).isEqualTo("test-stalled");
    }
}
