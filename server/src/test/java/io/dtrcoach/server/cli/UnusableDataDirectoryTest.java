package io.dtrcoach.server.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dtr serve} on a data directory it cannot write to stops at once with exit code 2 and one clear line,
 * never a stack trace: a full disk (a real ENOSPC, from /dev/full behind the server's write probe) and a
 * read-only directory (permission bits, or for root, whom they do not stop, the immutable attribute).
 */
class UnusableDataDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void should_say_clearly_when_the_data_disk_is_full() throws Exception {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.exists(full), "no /dev/full on this system");
        Path data = Files.createDirectories(tmp.resolve("data"));
        // the server probes the directory by writing this file; here every write to it fails with ENOSPC
        Files.createSymbolicLink(data.resolve(".write-test"), full);
        try (ServerProcess p = ServerProcess.start(tmp.resolve("full.log"), Map.of(),
                "serve", "--port", "0", "--data", data.toString())) {
            assertThat(p.awaitExit(Duration.ofMinutes(1))).isEqualTo(2);
            assertThat(p.output()).contains("dtr: the data directory " + data.toAbsolutePath() + " is not writable")
                    .contains("No space left on device").doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(data.resolve("dtr.mv.db")).doesNotExist();
    }

    @Test
    void should_say_clearly_when_the_data_directory_is_read_only() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("ro"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean immutable = false;
        try {
            if (Files.isWritable(data)) {
                // root (as in CI) ignores permission bits, but not the immutable attribute (ext4, xfs)
                immutable = chattr("+i", data);
                Assumptions.assumeTrue(immutable, "running as root, and chattr +i is not available here");
            }
            try (ServerProcess p = ServerProcess.start(tmp.resolve("ro.log"), Map.of(),
                    "serve", "--port", "0", "--data", data.toString())) {
                assertThat(p.awaitExit(Duration.ofMinutes(1))).isEqualTo(2);
                assertThat(p.output()).contains("dtr: the data directory " + data.toAbsolutePath() + " is not writable")
                        .containsAnyOf("permission denied", "Operation not permitted")
                        .doesNotContain("Exception").doesNotContain("\tat ");
            }
        } finally {
            if (immutable) {
                chattr("-i", data);
            }
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static boolean chattr(String change, Path path) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("chattr", change, path.toString()).redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
