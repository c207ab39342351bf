package org.postilion.connector.net.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Keys, certificates and files for the tests, made at test time; and a clock and a log the tests control. */
final class TlsFixtures {

    private TlsFixtures() {
    }

    static KeyMaterial ec(String hostname) {
        return SelfSignedGenerator.generate(hostname, Instant.now());
    }

    static String certificatePem(KeyMaterial material) {
        StringBuilder b = new StringBuilder();
        try {
            for (X509Certificate c : material.chain()) {
                b.append(Pem.encode(Pem.CERTIFICATE, c.getEncoded()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return b.toString();
    }

    static String keyPem(KeyMaterial material) {
        return Pem.encode(Pem.PRIVATE_KEY, material.key().getEncoded());
    }

    /** Writes a certbot-like pair: {@code fullchain.pem} and {@code privkey.pem}. */
    static void writePem(KeyMaterial material, Path chain, Path key) {
        write(chain, certificatePem(material));
        write(key, keyPem(material));
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Overwrites a file and moves its modification time on, as a replacement a few seconds later would: file
     * systems with coarse timestamps must not hide the change from the test.
     */
    static void replace(Path file, String text) {
        try {
            FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.from(Instant.now());
            write(file, text);
            Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeKeyStore(Path file, String type, char[] password, KeyMaterial... entries) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            int n = 0;
            for (KeyMaterial m : entries) {
                store.setKeyEntry(n == 0 ? "mail" : "mail" + n, m.key(), password,
                        m.chain().toArray(new Certificate[0]));
                n++;
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the keytool of the JDK running the tests. */
    static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC")); // starts in half the time
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A file of {@code src/test/resources/tls/}, made once with the openssl commands of its README. */
    static Path resource(String name) {
        try {
            return Path.of(TlsFixtures.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock that moves only when told to. */
    static final class ManualClock extends Clock {

        private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** What one logger of the package logs while open. */
    static final class CapturedLog extends Handler implements AutoCloseable {

        private final Logger logger;
        private final List<LogRecord> records = new ArrayList<>();

        CapturedLog(Class<?> source) {
            logger = Logger.getLogger(source.getName());
            setLevel(Level.ALL);
            logger.addHandler(this);
        }

        synchronized List<LogRecord> at(Level level) {
            return records.stream().filter(r -> r.getLevel().equals(level)).toList();
        }

        @Override
        public synchronized void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
