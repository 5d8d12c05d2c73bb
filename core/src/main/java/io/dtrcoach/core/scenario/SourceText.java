package io.dtrcoach.core.scenario;

import java.util.ArrayList;
import java.util.List;

/** The file's text by line, to place positions inside multi-line scalars. */
final class SourceText {
    private final String text;
    private final int[] lineStarts;

    SourceText(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The length of a 1-based line, without its line break (0 if unknown). */
    int lengthOf(int line) {
        if (line < 1 || line > lineStarts.length) {
            return 0;
        }
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > lineStarts[line - 1] && text.charAt(end - 1) == '\r') {
            end--;
        }
        return Math.max(0, end - lineStarts[line - 1]);
    }

    /** The 1-based column of the first non-blank character of a 1-based line (1 if unknown). */
    int indentOf(int line) {
        if (line < 1 || line > lineStarts.length) {
            return 1;
        }
        int i = lineStarts[line - 1];
        int column = 1;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
            column++;
        }
        return column;
    }

    /**
     * The 1-based line and column of the first case-insensitive occurrence of {@code needle} on or after a line, or
     * null. Used to place a word inside a folded scalar, whose text no longer has the file's line breaks.
     */
    int[] find(String needle, int fromLine) {
        if (fromLine < 1 || fromLine > lineStarts.length || needle.isEmpty()) {
            return null;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf(needle.toLowerCase(java.util.Locale.ROOT), lineStarts[fromLine - 1]);
        if (at < 0) {
            return null;
        }
        int line = fromLine;
        while (line < lineStarts.length && lineStarts[line] <= at) {
            line++;
        }
        return new int[] {line, at - lineStarts[line - 1] + 1};
    }
}
