package org.postilion.it.support;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The WildFly process of this test run, for tests that must kill it: the JVM that Arquillian launched as a
 * child of the test JVM. {@link #killAndRestart()} sends it SIGKILL and starts the same command line again
 * (same base directory, same ports, same database), so the rest of the run talks to the new process.
 */
public final class ServerProcess {

    private final List<String> command;
    private ProcessHandle handle;
    private Process restarted;

    private ServerProcess(ProcessHandle handle, List<String> command) {
        this.handle = handle;
        this.command = command;
    }

    /** Finds the server: a descendant JVM running jboss-modules on this run's server directory. */
    public static ServerProcess find() {
        String baseDir = System.getProperty("it.server.dir");
        ProcessHandle server = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules.jar") && c.contains(baseDir))
                        .orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no WildFly process under " + baseDir));
        List<String> command = new ArrayList<>();
        command.add(server.info().command().orElseThrow());
        command.addAll(List.of(server.info().arguments().orElseThrow()));
        return new ServerProcess(server, command);
    }

    /** kill -9, then the same command again; returns when the server accepts SMTP and HTTP again. */
    public void killAndRestart() throws Exception {
        handle.destroyForcibly();
        handle.onExit().get(30, TimeUnit.SECONDS);
        File log = new File(System.getProperty("it.server.dir"), "log/restarted-console.log");
        restarted = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        handle = restarted.toHandle();
        awaitReady(Duration.ofMinutes(3));
    }

    /** Stops a server this class started (gracefully, then by force); the original one Arquillian stops. */
    public void stopRestarted() throws InterruptedException {
        if (restarted != null) {
            restarted.destroy();
            if (!restarted.waitFor(90, TimeUnit.SECONDS)) {
                restarted.destroyForcibly();
            }
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            if (!handle.isAlive()) {
                throw new IllegalStateException("the restarted server exited");
            }
            if (httpAnswers(http) && smtpGreets()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the restarted server was not ready within " + timeout);
    }

    private static boolean httpAnswers(HttpClient http) throws InterruptedException {
        try {
            // a public resource: 200 once the EAR is deployed
            return http.send(HttpRequest.newBuilder(TestServer.api("/setup")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean smtpGreets() {
        try (Socket s = new Socket(TestServer.HOST, TestServer.smtpPort())) {
            s.setSoTimeout(5000);
            byte[] greeting = new byte[3];
            return s.getInputStream().readNBytes(greeting, 0, 3) == 3 && new String(greeting).equals("220");
        } catch (IOException e) {
            return false;
        }
    }
}
