package io.dtrcoach.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No two packages of the server's main code depend on each other, directly or through others: each can be read,
 * changed and tested from the packages below it. A dependency is an import or a qualified name in code (comments
 * and string literals do not count) naming a type of another package of {@code server/src/main/java}.
 */
class PackageCyclesTest {
    static final Path SOURCES = Path.of("src/main/java");

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** A qualified type name: lower-case segments, then a capitalised one. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b((?:[a-z_][a-z0-9_]*\\.)+)[A-Z]\\w*");

    @Test
    void no_package_of_the_server_depends_on_itself_through_others() throws IOException {
        Map<String, Map<String, Path>> graph = dependencies(SOURCES);
        assertThat(graph).as("packages found under %s", SOURCES).hasSizeGreaterThan(5);

        List<String> cycles = new ArrayList<>();
        for (Set<String> component : stronglyConnected(graph)) {
            if (component.size() > 1) {
                StringBuilder why = new StringBuilder("packages " + component + " depend on each other:");
                component.forEach(from -> graph.get(from).forEach((to, file) -> {
                    if (component.contains(to)) {
                        why.append("\n  ").append(from).append(" -> ").append(to).append(" (").append(file).append(')');
                    }
                }));
                cycles.add(why.toString());
            }
        }
        assertThat(cycles).withFailMessage("%s", String.join("\n", cycles)).isEmpty();
    }

    @Test
    void should_find_a_cycle_through_a_third_package(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        write(dir, "a/A.java", "package a;\nimport b.B;\nclass A { B b; }\n");
        write(dir, "b/B.java", "package b;\nclass B { c.C c; /* a.A is only named here */ String s = \"a.A\"; }\n");
        write(dir, "c/C.java", "package c;\nclass C { a.A a; }\n");
        write(dir, "d/D.java", "package d;\n// a.A\nclass D { a.A a; }\n");
        List<Set<String>> cyclic = stronglyConnected(dependencies(dir)).stream().filter(s -> s.size() > 1).toList();
        assertThat(cyclic).containsExactly(new TreeSet<>(Set.of("a", "b", "c")));
    }

    /** Each package's dependencies on the other packages under {@code root}, with one file that makes each. */
    static Map<String, Map<String, Path>> dependencies(Path root) throws IOException {
        Map<Path, String> packageOf = new TreeMap<>();
        Map<Path, String> code = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String text = withoutCommentsAndStrings(read(file));
                Matcher m = PACKAGE.matcher(text);
                packageOf.put(file, m.find() ? m.group(1) : "");
                code.put(file, text);
            }
        }
        Set<String> packages = new TreeSet<>(packageOf.values());
        Map<String, Map<String, Path>> graph = new TreeMap<>();
        packages.forEach(p -> graph.put(p, new TreeMap<>()));
        packageOf.forEach((file, from) -> {
            Matcher m = QUALIFIED.matcher(code.get(file));
            while (m.find()) {
                String to = m.group(1).substring(0, m.group(1).length() - 1);
                if (!to.equals(from) && packages.contains(to)) {
                    graph.get(from).putIfAbsent(to, file);
                }
            }
        });
        return graph;
    }

    /** Tarjan's strongly connected components; a component of more than one package is a cycle. */
    static List<Set<String>> stronglyConnected(Map<String, Map<String, Path>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        for (String start : graph.keySet()) {
            if (!index.containsKey(start)) {
                visit(start, graph, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private static void visit(String v, Map<String, Map<String, Path>> graph, Map<String, Integer> index,
                              Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                              List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.get(v).keySet()) {
            if (!index.containsKey(w)) {
                visit(w, graph, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            out.add(component);
        }
    }

    /** The source with comments, string and character literals (text blocks too) blanked out. */
    static String withoutCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                out.append(' ');
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                while (end > 0 && s.charAt(end - 1) == '\\') {
                    end = s.indexOf("\"\"\"", end + 1);
                }
                i = end < 0 ? s.length() : end + 3;
                out.append("\"\"");
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char quote = s.charAt(i);
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != quote && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                out.append(quote).append(quote);
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static void write(Path root, String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text, StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
