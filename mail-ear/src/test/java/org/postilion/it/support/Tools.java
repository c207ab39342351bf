package org.postilion.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client program (a Debian package that .ci/install-test-tools installs) with a time limit: its
 * output goes to a file, so a program that hangs is killed at the limit instead of blocking the test.
 */
public final class Tools {

    /** What a program did. */
    public record Run(int exitCode, String output) {
    }

    private Tools() {
    }

    public static Run run(Duration limit, Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("tool", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().putAll(environment);
            Process p = pb.start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command.get(0) + " did not finish in " + limit + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Runs a program that must succeed; returns its output. */
    public static String succeed(String... command) throws IOException, InterruptedException {
        Run r = run(Duration.ofSeconds(60), Map.of(), List.of(command));
        if (r.exitCode() != 0) {
            throw new AssertionError(command[0] + " failed (" + r.exitCode() + "):\n" + r.output());
        }
        return r.output();
    }
}
