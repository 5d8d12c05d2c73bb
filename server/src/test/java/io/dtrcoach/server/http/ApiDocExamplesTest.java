package io.dtrcoach.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The API reference's JSON examples are JSON, and the report example uses only the fields its table documents. */
class ApiDocExamplesTest {
    static final Path DOC = Path.of("../docs/api.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void every_json_example_parses() throws IOException {
        List<String> blocks = jsonBlocks(Files.readString(DOC, StandardCharsets.UTF_8));
        assertThat(blocks).as("```json blocks in %s", DOC).isNotEmpty();
        ObjectMapper mapper = new ObjectMapper();
        for (String block : blocks) {
            assertThatCode(() -> mapper.readTree(block)).as("%s, json block:\n%s", DOC, block)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void the_report_example_carries_the_fields_tools_rely_on_and_no_undocumented_ones() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        JsonNode report = new ObjectMapper().readTree(jsonBlocks(doc.substring(doc.indexOf("## The report (JSON)")))
                .get(0));
        assertThat(report.path("overall").isNumber()).as("overall").isTrue();
        assertThat(report.path("dimensions").path("timing").path("score").isNumber()).as("dimensions.timing.score").isTrue();
        assertThat(report.path("dimensions").path("timing").path("evidence").isArray()).as("dimensions.timing.evidence").isTrue();
        assertThat(report.path("outcome").path("revealedFacts").isArray()).as("outcome.revealedFacts").isTrue();
        assertThat(report.path("outcome").path("ending").isTextual()).as("outcome.ending").isTrue();

        Set<String> documented = documentedReportFields(doc);
        List<String> undocumented = new ArrayList<>();
        report.fieldNames().forEachRemaining(name -> {
            if (!documented.contains(name)) {
                undocumented.add(name);
            }
        });
        assertThat(undocumented).withFailMessage("%s: the report example has fields its table does not document: %s"
                + " (documented: %s)", DOC, undocumented, documented).isEmpty();
    }

    /** The top-level names in the first column of the report's field table. */
    private static Set<String> documentedReportFields(String doc) {
        String section = doc.substring(doc.indexOf("## The report (JSON)"));
        Set<String> fields = new TreeSet<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String first = line.substring(1, line.indexOf('|', 1));
            Matcher m = CODE.matcher(first);
            while (m.find()) {
                fields.add(m.group(1).split("[.\\[]")[0]);
            }
        }
        return fields;
    }

    static List<String> jsonBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        int from = 0;
        while (true) {
            int fence = markdown.indexOf("```json\n", from);
            if (fence < 0) {
                return blocks;
            }
            int start = fence + "```json\n".length();
            int end = markdown.indexOf("\n```", start);
            blocks.add(markdown.substring(start, end + 1));
            from = end + 4;
        }
    }
}
