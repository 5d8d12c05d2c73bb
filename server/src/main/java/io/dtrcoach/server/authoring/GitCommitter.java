package io.dtrcoach.server.authoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Commits a published scenario file when the scenarios folder is inside a git working tree, with the trainer as
 * author, by running {@code git}. Blocking, each command bounded by a timeout: call it on a worker.
 */
final class GitCommitter {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The committer when the server has no git identity of its own; the author is always the trainer. */
    private static final String COMMITTER_NAME = "DTR Coach";
    private static final String COMMITTER_EMAIL = "dtr-coach@localhost";

    /** A git command that failed or timed out; the message carries what git said. */
    static final class GitFailed extends IOException {
        GitFailed(String message) {
            super(message);
        }
    }

    private record Run(int exit, String output) {
    }

    /** Whether {@code dir} is inside a git working tree (false when git itself is missing). */
    boolean isWorkTree(Path dir) {
        try {
            Run r = git(dir, List.of("rev-parse", "--is-inside-work-tree"));
            return r.exit() == 0 && r.output().strip().equals("true");
        } catch (IOException e) {
            return false;
        }
    }

    /** Commits only {@code file}; its hash, or empty when the file did not change. */
    Optional<String> commit(Path dir, Path file, String authorName, String authorEmail, String message)
            throws IOException {
        String name = file.toAbsolutePath().toString();
        check(git(dir, List.of("add", "--", name)));
        Run staged = git(dir, List.of("diff", "--cached", "--quiet", "--", name));
        if (staged.exit() == 0) {
            return Optional.empty();
        }
        check(git(dir, List.of("-c", "user.name=" + COMMITTER_NAME, "-c", "user.email=" + COMMITTER_EMAIL,
                "commit", "--no-verify", "--author=" + authorName + " <" + authorEmail + ">", "-m", message,
                "--", name)));
        Run head = git(dir, List.of("rev-parse", "HEAD"));
        check(head);
        return Optional.of(head.output().strip());
    }

    private static void check(Run r) throws GitFailed {
        if (r.exit() != 0) {
            throw new GitFailed("git failed (exit " + r.exit() + "): " + r.output().strip());
        }
    }

    private static Run git(Path dir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toAbsolutePath().toString()));
        command.addAll(args);
        // output to a file, so a git that hangs is still stopped by the timeout rather than a blocked read
        Path out = java.nio.file.Files.createTempFile("dtr-git", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            p.getOutputStream().close(); // git never waits for input
            try {
                if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new GitFailed("git " + args.get(0) + " took longer than " + TIMEOUT.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new GitFailed("interrupted while git ran");
            }
            return new Run(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            java.nio.file.Files.deleteIfExists(out);
        }
    }
}
