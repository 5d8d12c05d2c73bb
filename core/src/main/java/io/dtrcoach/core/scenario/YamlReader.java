package io.dtrcoach.core.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the bytes of a file into a {@link YamlNode} tree, or into located problems. Hostile input is
 * stopped early: size before anything else, then encoding and control characters, then the parser's
 * own limits (nesting, code points); aliases are refused outright, so an alias bomb cannot expand.
 */
final class YamlReader {
    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_DEPTH = 64;

    private final YAMLFactory factory;

    YamlReader() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        // Duplicate keys are found while building the tree instead, so that they are reported at the key
        // and the rest of the file is still checked.
        options.setAllowDuplicateKeys(true);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES + 1);
        options.setAllowRecursiveKeys(false);
        this.factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH + 16) // a backstop: the tree builder stops at MAX_DEPTH
                        .maxStringLength(MAX_BYTES + 1)
                        .maxNumberLength(100)
                        .build())
                .build();
    }

    /** The tree (absent when the file cannot be read as YAML) and the decoded text. */
    record Parsed(Optional<YamlNode> root, String text) {
    }

    Parsed read(byte[] content, Problems problems) {
        if (content.length > MAX_BYTES) {
            problems.error(problems.at(1, 1), "the file is " + content.length
                    + " bytes; a scenario file may be at most 1 MiB (" + MAX_BYTES + " bytes)");
            return new Parsed(Optional.empty(), "");
        }
        Optional<String> text = decode(content, problems);
        if (text.isEmpty()) {
            return new Parsed(Optional.empty(), "");
        }
        String source = text.get();
        if (!checkCharacters(source, problems)) {
            return new Parsed(Optional.empty(), source);
        }
        return new Parsed(parse(source, problems), source);
    }

    private static Optional<String> decode(byte[] content, Problems problems) {
        int start = 0;
        if (content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB
                && (content[2] & 0xff) == 0xBF) {
            start = 3;
        } else if (content.length >= 2 && ((content[0] & 0xff) == 0xFE && (content[1] & 0xff) == 0xFF
                || (content[0] & 0xff) == 0xFF && (content[1] & 0xff) == 0xFE)) {
            problems.error(problems.at(1, 1), "the file is UTF-16; save it as UTF-8");
            return Optional.empty();
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content, start, content.length - start);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            out.flip();
            int[] lineCol = lineAndColumn(out, out.length());
            problems.error(problems.at(lineCol[0], lineCol[1]), String.format(
                    "not UTF-8 text: invalid byte 0x%02X at byte offset %d (is this a binary file?)",
                    content[in.position()] & 0xff, in.position()));
            return Optional.empty();
        }
        out.flip();
        return Optional.of(out.toString());
    }

    /** YAML's printable set: tab, line breaks and visible characters. */
    private static boolean checkCharacters(String text, Problems problems) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean printable = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0x7E) || c == 0x85
                    || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (!printable) {
                int[] lineCol = lineAndColumn(text, i);
                problems.error(problems.at(lineCol[0], lineCol[1]), String.format(
                        "control character U+%04X is not allowed; a scenario file must be plain UTF-8 text", c));
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static int[] lineAndColumn(CharSequence text, int upTo) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < upTo; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(text.charAt(i))) {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private Optional<YamlNode> parse(String source, Problems problems) {
        TreeBuilder builder = new TreeBuilder(source, problems);
        try (YAMLParser parser = (YAMLParser) factory.createParser(source)) {
            builder.parser = parser;
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.error(problems.at(1, 1), "the file is empty; expected a scenario (a mapping of keys "
                        + "such as schema, id, title…)");
                return Optional.empty();
            }
            YamlNode root = builder.node(first);
            JsonToken next = parser.nextToken();
            if (next != null) {
                problems.error(builder.here(), "a scenario file holds exactly one YAML document; "
                        + "found a second one here (remove the '---')");
                return Optional.empty();
            }
            return builder.aborted ? Optional.empty() : Optional.of(root);
        } catch (TooDeep e) {
            problems.error(e.at, "nesting deeper than " + MAX_DEPTH + " levels is not allowed");
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            problems.error(builder.errorLocation(e), builder.errorMessage(e));
            return Optional.empty();
        }
    }

    /** Unwinds the tree builder at the first node nested too deep. */
    private static final class TooDeep extends RuntimeException {
        private final transient Location at;

        TooDeep(Location at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    private static final class TreeBuilder {
        private int depth;
        private final String source;
        private final Problems problems;
        private final int[] lineStarts;
        private YAMLParser parser;
        private boolean aborted;
        private boolean aliasReported;

        TreeBuilder(String source, Problems problems) {
            this.source = source;
            this.problems = problems;
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < source.length(); i++) {
                if (source.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        Location here() {
            return located(parser.currentTokenLocation());
        }

        private Location located(JsonLocation l) {
            return problems.at(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
        }

        YamlNode node(JsonToken token) throws IOException {
            Location at = here();
            switch (token) {
                case START_OBJECT:
                case START_ARRAY:
                    if (++depth > MAX_DEPTH) {
                        throw new TooDeep(at);
                    }
                    YamlNode collection = token == JsonToken.START_OBJECT ? mapping(at) : sequence(at);
                    depth--;
                    return collection;
                case VALUE_STRING:
                case VALUE_EMBEDDED_OBJECT:
                    if (parser.isCurrentAlias()) {
                        if (!aliasReported) {
                            problems.error(at, "YAML aliases (*" + truncate(parser.getText(), 40)
                                    + ") are not allowed in scenario files; write the value out in full");
                            aliasReported = true;
                        }
                        return new YamlNode.Scalar(at, YamlNode.Kind.NULL, "", null, YamlNode.Style.PLAIN);
                    }
                    String text = parser.getText();
                    return new YamlNode.Scalar(at, YamlNode.Kind.STRING, text, text, styleAt(at));
                case VALUE_NUMBER_INT:
                    return integer(at);
                case VALUE_NUMBER_FLOAT:
                    return new YamlNode.Scalar(at, YamlNode.Kind.DECIMAL, parser.getText(), parser.getDoubleValue(),
                            YamlNode.Style.PLAIN);
                case VALUE_TRUE:
                case VALUE_FALSE:
                    // YAML 1.2, as editors read it: only true/false are booleans; yes, no, on, off stay words
                    // (so "outcome: no" means the outcome named no).
                    if (!parser.getText().equalsIgnoreCase("true") && !parser.getText().equalsIgnoreCase("false")) {
                        return new YamlNode.Scalar(at, YamlNode.Kind.STRING, parser.getText(), parser.getText(),
                                YamlNode.Style.PLAIN);
                    }
                    return new YamlNode.Scalar(at, YamlNode.Kind.BOOLEAN, parser.getText(),
                            token == JsonToken.VALUE_TRUE, YamlNode.Style.PLAIN);
                case VALUE_NULL:
                    return new YamlNode.Scalar(at, YamlNode.Kind.NULL, parser.getText(), null, YamlNode.Style.PLAIN);
                default:
                    problems.error(at, "unexpected YAML token " + token);
                    aborted = true;
                    return new YamlNode.Scalar(at, YamlNode.Kind.NULL, "", null, YamlNode.Style.PLAIN);
            }
        }

        private YamlNode integer(Location at) throws IOException {
            String text = parser.getText();
            BigInteger value;
            try {
                value = parser.getBigIntegerValue();
            } catch (JsonProcessingException | NumberFormatException e) {
                return new YamlNode.Scalar(at, YamlNode.Kind.STRING, text, text, YamlNode.Style.PLAIN);
            }
            return new YamlNode.Scalar(at, YamlNode.Kind.INTEGER, text, value, YamlNode.Style.PLAIN);
        }

        private YamlNode mapping(Location at) throws IOException {
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
            JsonToken t;
            while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
                if (t == null) {
                    problems.error(here(), "the file ends inside a mapping");
                    aborted = true;
                    break;
                }
                String key = parser.currentName();
                Location keyAt = here();
                YamlNode value = node(parser.nextToken());
                YamlNode.Entry previous = entries.get(key);
                if (previous != null) {
                    problems.error(keyAt, "duplicate key '" + truncate(key, 60) + "' (first written at line "
                            + previous.keyLocation().line() + ", column " + previous.keyLocation().column() + ")");
                } else {
                    entries.put(key, new YamlNode.Entry(key, keyAt, value));
                }
            }
            return new YamlNode.Mapping(at, entries);
        }

        private YamlNode sequence(Location at) throws IOException {
            List<YamlNode> items = new ArrayList<>();
            JsonToken t;
            while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    problems.error(here(), "the file ends inside a list");
                    aborted = true;
                    break;
                }
                items.add(node(t));
            }
            return new YamlNode.Sequence(at, items);
        }

        private YamlNode.Style styleAt(Location at) {
            int line = at.line() - 1;
            if (line < 0 || line >= lineStarts.length) {
                return YamlNode.Style.PLAIN;
            }
            int index = lineStarts[line] + at.column() - 1;
            if (index < 0 || index >= source.length()) {
                return YamlNode.Style.PLAIN;
            }
            return switch (source.charAt(index)) {
                case '\'' -> YamlNode.Style.SINGLE_QUOTED;
                case '"' -> YamlNode.Style.DOUBLE_QUOTED;
                case '|', '>' -> YamlNode.Style.BLOCK;
                default -> YamlNode.Style.PLAIN;
            };
        }

        /**
         * Line and column of a SnakeYAML mark as an editor counts them: SnakeYAML also breaks lines at NEL, LS and PS
         * (YAML 1.1), which would put an error past the last line an editor shows. Its index counts code points.
         */
        private int[] lineAndColumn(com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark mark) {
            int codePoints = source.codePointCount(0, source.length());
            int at = source.offsetByCodePoints(0, Math.min(Math.max(0, mark.getIndex()), codePoints));
            return YamlReader.lineAndColumn(source, at);
        }

        Location errorLocation(Exception e) {
            if (e instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                int[] lineCol = lineAndColumn(m.getProblemMark());
                return problems.at(lineCol[0], lineCol[1]);
            }
            if (e instanceof JsonProcessingException j && j.getLocation() != null
                    && j.getLocation().getLineNr() > 0 && !(e instanceof StreamConstraintsException)) {
                return located(j.getLocation());
            }
            if (parser != null) {
                return located(parser.currentLocation());
            }
            return problems.at(1, 1);
        }

        String errorMessage(Exception e) {
            if (e instanceof MarkedYAMLException m) {
                String problem = m.getProblem() == null ? "invalid YAML" : m.getProblem();
                String context = m.getContext();
                if (context != null && m.getContextMark() != null) {
                    int[] started = lineAndColumn(m.getContextMark());
                    return "YAML syntax error: " + problem + " (" + context + " started at line " + started[0]
                            + ", column " + started[1] + ")";
                }
                return "YAML syntax error: " + problem + (context == null ? "" : " (" + context + ")");
            }
            if (e instanceof StreamConstraintsException) {
                if (String.valueOf(e.getMessage()).contains("nesting depth")) {
                    return "nesting deeper than " + MAX_DEPTH + " levels is not allowed";
                }
                return "the file exceeds a parser limit: " + firstLine(e.getMessage());
            }
            if (e instanceof JsonProcessingException j) {
                return "YAML syntax error: " + firstLine(j.getOriginalMessage());
            }
            return "YAML syntax error: " + firstLine(String.valueOf(e.getMessage()));
        }

        private static String firstLine(String message) {
            if (message == null) {
                return "unreadable YAML";
            }
            int nl = message.indexOf('\n');
            return nl < 0 ? message : message.substring(0, nl);
        }
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
