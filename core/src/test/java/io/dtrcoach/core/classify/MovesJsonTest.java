package io.dtrcoach.core.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MovesJsonTest {
    @Test
    void should_render_text_and_moves_as_one_json_line() throws Exception {
        String json = MovesJson.line("Say \"no\" if it's no.\nReally.",
                List.of(new Move("permission_no", 0.93), new Move("other", 0.5)));

        assertThat(json).doesNotContain("\n");
        JsonNode node = JsonMapper.builder().build().readTree(json);
        assertThat(node.get("text").asText()).isEqualTo("Say \"no\" if it's no.\nReally.");
        assertThat(node.get("moves")).hasSize(2);
        assertThat(node.get("moves").get(0).get("label").asText()).isEqualTo("permission_no");
        assertThat(node.get("moves").get(0).get("confidence").asDouble()).isEqualTo(0.93);
        assertThat(json).startsWith("{\"text\":").contains("\"moves\":[{\"label\":\"permission_no\"");
    }
}
