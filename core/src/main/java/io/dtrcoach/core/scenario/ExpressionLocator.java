package io.dtrcoach.core.scenario;

/**
 * Maps an offset inside an expression back to the file. Exact for one-line plain and single-quoted
 * scalars; for double-quoted ones escapes before the offset shift it; block and multi-line scalars map
 * to the right line at the line's indentation plus the offset in that line.
 */
final class ExpressionLocator {
    private final YamlNode.Scalar scalar;
    private final SourceText text;

    ExpressionLocator(YamlNode.Scalar scalar, SourceText text) {
        this.scalar = scalar;
        this.text = text;
    }

    Location at(int offset) {
        String source = scalar.text();
        int lineInExpr = 0;
        int lineStart = 0;
        for (int i = 0; i < offset && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                lineInExpr++;
                lineStart = i + 1;
            }
        }
        int columnInLine = offset - lineStart;
        Location start = scalar.location();
        if (scalar.style() == YamlNode.Style.BLOCK) {
            // A block's content lines lose the block's indentation, which is that of its first line.
            int line = start.line() + 1 + lineInExpr;
            return new Location(start.file(), line, text.indentOf(start.line() + 1) + columnInLine);
        }
        if (lineInExpr > 0) {
            int line = start.line() + lineInExpr;
            return new Location(start.file(), line, text.indentOf(line) + columnInLine);
        }
        int quote = scalar.style() == YamlNode.Style.PLAIN ? 0 : 1;
        int column = start.column() + quote + columnInLine;
        if (column > text.lengthOf(start.line())) {
            // YAML folded a scalar written over several lines into one: no reliable column, so its start.
            return start;
        }
        return new Location(start.file(), start.line(), column);
    }
}
