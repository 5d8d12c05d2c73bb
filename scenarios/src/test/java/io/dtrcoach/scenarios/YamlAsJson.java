package io.dtrcoach.scenarios;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;

/**
 * Reads YAML into JSON the way an editor's YAML language server does (YAML 1.2): only true and false are
 * booleans, so {@code outcome: no} is the word "no" — as the scenario loader reads it too.
 */
final class YamlAsJson {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlAsJson() {
    }

    static JsonNode read(String yaml) throws IOException {
        try (JsonParser p = YAML.createParser(yaml)) {
            JsonToken first = p.nextToken();
            return first == null ? NODES.nullNode() : node(p, first);
        }
    }

    private static JsonNode node(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    o.set(key, node(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    a.add(node(p, next));
                }
                return a;
            }
            case VALUE_TRUE:
            case VALUE_FALSE:
                String text = p.getText();
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
                }
                return NODES.textNode(text);
            case VALUE_NUMBER_INT:
                return NODES.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDecimalValue());
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                return NODES.textNode(p.getText());
        }
    }
}
