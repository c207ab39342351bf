package org.postilion.admin;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.postilion.directory.DirectoryException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Logger;

/**
 * The first server admin, at the first start; there is never a default password. When no admin exists:
 * <ul>
 *   <li>with {@code postilion.admin.password} (or the environment variable {@code POSTILION_ADMIN_PASSWORD}) set,
 *       that admin is made, named {@code postilion.admin.name} ({@code POSTILION_ADMIN_NAME}, default
 *       {@code admin});</li>
 *   <li>otherwise a one-time setup token is drawn and printed to the server log, and the first person to give it
 *       to {@code POST /api/setup} (or the console's setup page) with a name and a password becomes the first
 *       server admin. The token lives in this process only and is gone once an admin exists.</li>
 * </ul>
 * Once an admin exists, these settings are ignored: they never reset a password.
 *
 * <p>SECURITY: the setup token is 128 random bits, compared in constant time; the web tier throttles failed
 * attempts per address as it does sign-ins.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class AdminBootstrap {

    public static final String DEFAULT_NAME = "admin";
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    private AdminDirectory admins;

    private String setupToken;

    @PostConstruct
    void firstStart() {
        if (admins.count() > 0) {
            return;
        }
        String password = setting("postilion.admin.password", "POSTILION_ADMIN_PASSWORD");
        String name = setting("postilion.admin.name", "POSTILION_ADMIN_NAME");
        String admin = name == null || name.isBlank() ? DEFAULT_NAME : name;
        if (password != null && !password.isEmpty()) {
            try {
                admins.createFirst(admin, password);
                LOG.info(() -> "first start: server admin '" + admin + "' made with the configured password "
                        + "(postilion.admin.password)");
                return;
            } catch (DirectoryException e) {
                LOG.severe(() -> "first start: the configured admin cannot be made (" + e.getMessage()
                        + "); falling back to a setup token");
            }
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String hex = HexFormat.of().formatHex(random);
        setupToken = String.join("-", hex.substring(0, 8), hex.substring(8, 16), hex.substring(16, 24),
                hex.substring(24));
        String url = consoleUrl();
        String token = setupToken;
        LOG.warning(() -> String.join(System.lineSeparator(),
                "",
                "==============================================================================",
                " No administrator exists yet. Make the first server admin with this one-time",
                " setup token (valid until an admin exists, or this server stops):",
                "",
                "     " + token,
                "",
                " in the console: " + url + "/console/",
                " or: curl -X POST " + url + "/api/setup -H 'Content-Type: application/json' \\",
                "       -d '{\"token\":\"" + token + "\",\"name\":\"admin\",\"password\":\"<a long password>\"}'",
                "=============================================================================="));
    }

    /** Whether the first start's setup is still open: no admin yet, and a setup token was printed. */
    public boolean isSetupOpen() {
        return setupToken != null && admins.count() == 0;
    }

    /**
     * Makes the first server admin with the printed setup token.
     *
     * @return the admin made, or null when the token is wrong or the setup is closed
     * @throws DirectoryException for a name or password the directory refuses
     */
    public AdminAccount setup(String token, String name, String password) throws DirectoryException {
        if (setupToken == null || token == null || !MessageDigest.isEqual(
                setupToken.getBytes(StandardCharsets.US_ASCII), token.strip().getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        AdminAccount admin = admins.createFirst(name, password);
        setupToken = null;
        LOG.info(() -> "first start: server admin '" + admin.getName() + "' made with the setup token; setup closed");
        return admin;
    }

    private static String setting(String property, String environment) {
        String v = System.getProperty(property);
        return v != null ? v : System.getenv(environment);
    }

    /** Where WildFly's HTTP listener is, from its usual settings. */
    private static String consoleUrl() {
        String host = System.getProperty("jboss.bind.address", "127.0.0.1");
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = System.getProperty("postilion.hostname", "127.0.0.1");
        }
        int port = Integer.getInteger("jboss.http.port", 8080) + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
