package io.dtrcoach.server.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * Comma-separated records (RFC 4180: fields in double quotes may hold commas, newlines and doubled quotes), each with
 * the line it starts on, so that a problem can be reported where the admin will look for it. Blank lines are skipped.
 */
record CsvRecords(List<CsvRecords.Record> records) {
    record Record(int line, List<String> fields) {
        String field(int index) {
            return index < fields.size() ? fields.get(index) : "";
        }
    }

    /** A quote left open at the end of the text. */
    static final class Unterminated extends RuntimeException {
        final int line;

        Unterminated(int line) {
            super("a quoted field opened on line " + line + " is never closed");
            this.line = line;
        }
    }

    static CsvRecords parse(String text) {
        List<Record> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int start = 1;
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                end(out, fields, field, start, any);
                any = false;
                line++;
                start = line;
            } else {
                field.append(ch);
                any = any || !Character.isWhitespace(ch);
            }
        }
        if (quoted) {
            throw new Unterminated(start);
        }
        end(out, fields, field, start, any);
        return new CsvRecords(out);
    }

    private static void end(List<Record> out, List<String> fields, StringBuilder field, int line, boolean any) {
        fields.add(field.toString());
        field.setLength(0);
        if (any) {
            out.add(new Record(line, List.copyOf(fields)));
        }
        fields.clear();
    }
}
