package io.dtrcoach.scenarios;

import io.dtrcoach.core.scenario.Problem;
import io.dtrcoach.core.scenario.ScenarioLibrary;
import io.dtrcoach.core.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A jar cannot be listed, so the shipped library is found through {@code scenarios/index.txt}: it must list
 * exactly the scenario files of the folder, and the classpath library built from it must load them all.
 */
class ShippedIndexTest {
    static final Path FOLDER = SchemaAndLoaderAgreeTest.SHIPPED;
    static final Path INDEX = FOLDER.resolve(ScenarioLibrary.INDEX);

    static List<Path> shippedFiles() throws IOException {
        if (!Files.isDirectory(FOLDER)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<String> indexed() throws IOException {
        if (!Files.exists(INDEX)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(INDEX)) {
            return ScenarioLibrary.readIndex(in);
        }
    }

    @Test
    void should_list_exactly_the_yaml_files_of_the_folder_in_the_index() throws IOException {
        List<String> files = shippedFiles().stream().map(p -> p.getFileName().toString()).toList();

        assertThat(indexed()).as("names in %s", INDEX).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void should_load_every_indexed_file_from_the_classpath_without_errors() throws IOException {
        ScenarioLibrary library = ScenarioLibrary.fromClasspath(getClass().getClassLoader(), new ScenarioLoader());

        if (indexed().isEmpty()) {
            assertThat(library.scenarios()).isEmpty();
            return;
        }
        assertThat(library.problems()).filteredOn(Problem::isError).isEmpty();
        assertThat(library.scenarios()).hasSize(indexed().size());
    }
}
