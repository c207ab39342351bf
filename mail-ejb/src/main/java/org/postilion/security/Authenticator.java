package org.postilion.security;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.ScramCredentials;
import org.postilion.directory.Account;
import org.postilion.directory.DirectoryService;

import java.util.Locale;
import java.util.Optional;

/**
 * Checks logins against the directory. A login is an account's address, in any case. An unknown login and a
 * wrong password get the same answer after the same work: an unknown login is checked against a stand-in
 * credential, so that response times do not tell which accounts exist. A disabled user (or a user of a disabled
 * domain) is refused like a wrong password, after the same work. A password may also be one of the user's app
 * passwords made for the protocol ({@link AppPasswords}). A successful login is recorded per protocol
 * ({@link LoginRecords}).
 */
@Stateless
public class Authenticator {

    /** The protocol of a login through the web (the self-service pages). */
    public static final String WEB = "web";

    @Inject
    private DirectoryService directory;

    @Inject
    private PasswordHasher hasher;

    @Inject
    private LoginRecords logins;

    @Inject
    private AppPasswords appPasswords;

    /**
     * @param protocol the protocol logged in with: {@code smtp}, {@code imap}, {@code pop3} or {@code web}
     */
    public AuthVerdict verifyPassword(String login, String password, String protocol) {
        Optional<Account> account = directory.findAccountByLogin(login);
        if (account.isEmpty()) {
            hasher.verify(password, hasher.decoy());
            return AuthVerdict.DENIED;
        }
        Account a = account.get();
        boolean matches = appPasswords.matches(a.getId(), password, protocol)
                || hasher.verify(password, a.getPasswordHash());
        if (!matches || !a.isActive()) {
            return AuthVerdict.DENIED;
        }
        logins.loggedIn(a.getId(), protocol);
        return new AuthVerdict.Authenticated(a.getAddress());
    }

    /** The stored SCRAM-SHA-256 credential; the connector runs the exchange (and decoys unknown logins). */
    public AuthVerdict scramCredentials(String login) {
        Optional<Account> account = directory.findAccountByLogin(login);
        if (account.isEmpty() || !account.get().isActive()) {
            return AuthVerdict.DENIED;
        }
        ScramCredential c;
        try {
            c = ScramCredential.parse(account.get().getPasswordHash());
        } catch (IllegalArgumentException e) {
            return AuthVerdict.DENIED;
        }
        return new AuthVerdict.Scram(account.get().getAddress(),
                new ScramCredentials(c.iterations(), c.salt(), c.storedKey(), c.serverKey()));
    }

    /** The protocol a connector listener speaks: {@code smtp} for the MX and submission, {@code imap}, {@code pop3}. */
    public static String protocolOf(String listener) {
        String l = listener == null ? "" : listener.toLowerCase(Locale.ROOT);
        if (l.startsWith("smtp") || l.startsWith("submission") || l.startsWith("lmtp")) {
            return "smtp";
        }
        if (l.startsWith("imap")) {
            return "imap";
        }
        if (l.startsWith("pop3")) {
            return "pop3";
        }
        return l.isEmpty() ? "other" : l.length() > 8 ? l.substring(0, 8) : l;
    }
}
