package org.postilion.connector.net.tls;

import io.netty.handler.ssl.SslContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server {@link SslContext} of all listeners, replaced when the configured files are.
 *
 * <p>Call {@link #current()} for every new connection: implicit TLS adds
 * {@code current().newHandler(channel.alloc())} first in the pipeline; STARTTLS adds
 * {@code new SslHandler(current().newEngine(channel.alloc()), true)} before writing its {@code 220} reply, so
 * that the reply goes out in clear and the handshake follows it. A connection keeps the context it started
 * with; only later connections see a replacement.
 *
 * <p>Reloading: at most once per {@link TlsSettings#reloadInterval()}, {@code current()} compares the
 * configured files' real path, size and modification time with those of the files it loaded (certbot renews by
 * pointing {@code live/} symbolic links at new files; both are noticed). The check is a {@code stat} of one or
 * two files on the calling thread; if they changed, the new material is read and checked there too (a few
 * milliseconds, once). New material that cannot be used (half written, wrong password, a key that is not the
 * certificate's) is reported at WARNING and the previous context stays in use; it is tried again at every
 * check until it loads. The self-signed certificate is not watched.
 *
 * <p>One provider should serve all listeners of a server: each provider reads and checks the files itself.
 */
public final class TlsContextProvider {

    private static final Logger LOG = Logger.getLogger(TlsContextProvider.class.getName());

    private final TlsSettings settings;
    private final Clock clock;
    private final List<Path> watched;
    private final AtomicBoolean checking = new AtomicBoolean();

    private volatile Loaded loaded;
    private volatile Instant nextCheck;
    /** The file states of the last failed reload that was logged at WARNING; only the checking thread uses it. */
    private List<FileState> reportedFailure;

    /** What is in use, and the state of the files it was read from. */
    private record Loaded(SslContext context, KeyMaterial material, List<FileState> files) {
    }

    /** What tells that a file was replaced. A missing file has only its path. */
    private record FileState(Path path, Path realPath, FileTime modified, long size) {
    }

    private TlsContextProvider(TlsSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        List<Path> files = new ArrayList<>();
        settings.certificateChain().ifPresent(files::add);
        settings.privateKey().filter(key -> !files.contains(key)).ifPresent(files::add);
        settings.keyStore().ifPresent(files::add);
        this.watched = List.copyOf(files);
    }

    /**
     * Reads (or, with nothing configured, makes and stores) the key material and builds the first context.
     *
     * @throws TlsConfigurationException when the material cannot be used; the message names the file and why
     */
    public static TlsContextProvider create(TlsSettings settings) {
        return create(settings, Clock.systemUTC());
    }

    /** As {@link #create(TlsSettings)}, with the clock that times the reload checks and certificate dates. */
    public static TlsContextProvider create(TlsSettings settings, Clock clock) {
        TlsContextProvider provider = new TlsContextProvider(settings, clock);
        provider.loaded = provider.load(provider.fileStates());
        provider.nextCheck = clock.instant().plus(settings.reloadInterval());
        LOG.info("TLS: " + settings.source() + ", " + Certificates.describe(provider.certificate()));
        return provider;
    }

    /** The context for a new connection. Cheap: a clock read, and now and then a reload check. */
    public SslContext current() {
        if (!watched.isEmpty()) {
            Instant now = clock.instant();
            if (!now.isBefore(nextCheck) && checking.compareAndSet(false, true)) {
                try {
                    if (!now.isBefore(nextCheck)) {
                        nextCheck = now.plus(settings.reloadInterval());
                        reloadIfChanged();
                    }
                } finally {
                    checking.set(false);
                }
            }
        }
        return loaded.context();
    }

    /** The server's certificate in use (the leaf), for logs and for showing to administrators. */
    public X509Certificate certificate() {
        return loaded.material().leaf();
    }

    /** The whole chain in use, the server's certificate first. */
    public List<X509Certificate> certificateChain() {
        return loaded.material().chain();
    }

    public TlsSettings settings() {
        return settings;
    }

    private void reloadIfChanged() {
        List<FileState> files = fileStates();
        if (files.equals(loaded.files())) {
            return;
        }
        try {
            loaded = load(files);
            reportedFailure = null;
            LOG.info("TLS: certificate replaced, now " + Certificates.describe(certificate()));
        } catch (RuntimeException e) {
            // never let a bad file take TLS down: keep serving the previous context, try again at the next check
            Level level = files.equals(reportedFailure) ? Level.FINE : Level.WARNING;
            reportedFailure = files;
            LOG.log(level, "TLS: the replaced certificate files cannot be used, still using "
                    + Certificates.describe(certificate()) + "; will retry in " + settings.reloadInterval()
                    + ": " + e.getMessage(), e);
        }
    }

    private Loaded load(List<FileState> files) {
        KeyMaterial material = switch (settings.source()) {
            case PEM -> KeyMaterial.fromPem(settings.certificateChain().orElseThrow(),
                    settings.privateKey().orElseThrow());
            case KEY_STORE -> KeyMaterial.fromKeyStore(settings.keyStore().orElseThrow(),
                    settings.keyStorePassword().orElseThrow().toCharArray(), settings.keyStoreAlias().orElse(null));
            case SELF_SIGNED -> SelfSignedStore.loadOrCreate(settings.hostname(),
                    settings.selfSignedDirectory().orElseThrow(), clock);
        };
        SslContext context = ServerContexts.build(material);
        warnAbout(material);
        return new Loaded(context, material, files);
    }

    /** What is wrong but must not stop the server: a certificate out of date or for another name. */
    private void warnAbout(KeyMaterial material) {
        X509Certificate leaf = material.leaf();
        Instant now = clock.instant();
        if (now.isAfter(leaf.getNotAfter().toInstant()) || now.isBefore(leaf.getNotBefore().toInstant())) {
            LOG.warning("TLS: " + material.source() + ": the certificate is valid only from "
                    + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant());
        }
        if (!Certificates.coversHost(leaf, settings.hostname())) {
            LOG.warning("TLS: " + material.source() + ": the certificate is for " + Certificates.dnsNames(leaf)
                    + ", not " + settings.hostname() + "; clients checking the name will refuse it");
        }
        settings.privateKey().ifPresent(TlsContextProvider::warnIfReadableByOthers);
    }

    private static void warnIfReadableByOthers(Path key) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(key, PosixFileAttributeView.class);
            if (view != null && view.readAttributes().permissions().contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warning("TLS: " + key + ": the private key is readable by every user of this machine "
                        + "(chmod o-r)");
            }
        } catch (IOException e) {
            // it was just read; a permission check that fails is not worth a message
        }
    }

    private List<FileState> fileStates() {
        List<FileState> states = new ArrayList<>(watched.size());
        for (Path file : watched) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                states.add(new FileState(file, file.toRealPath(), attributes.lastModifiedTime(), attributes.size()));
            } catch (NoSuchFileException e) {
                states.add(new FileState(file, null, null, -1));
            } catch (IOException e) {
                states.add(new FileState(file, null, null, -2));
            }
        }
        return states;
    }
}
