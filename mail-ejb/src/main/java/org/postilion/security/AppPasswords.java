package org.postilion.security;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.postilion.directory.DirectoryException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The app passwords of mail users ({@link AppPassword}): made, listed, revoked, and checked at login.
 *
 * <p>An app password is written {@code abcd-efgh-jkmn-pqrs}: 16 characters from an alphabet without the letters
 * and digits people confuse (i, l, o, 0, 1), in four groups; at login, dashes, spaces and case do not matter.
 * Only the protocols it was made for accept it (the web sign-in never does), and SCRAM cannot use it (the client
 * would have to know which credential to derive from): clients give it as a plain password over TLS.
 *
 * <p>LIMITS: at most {@value #MAX_PER_ACCOUNT} per user; names of 1 to 64 characters; the last use is written at
 * most once a minute.
 */
@Stateless
public class AppPasswords {

    public static final Set<String> PROTOCOLS = Set.of("imap", "pop3", "smtp");
    static final int MAX_PER_ACCOUNT = 50;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final Pattern NORMALIZED = Pattern.compile("[" + ALPHABET + "]{16}");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._:/+()'-]{1,64}");
    private static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * An app password just made.
     *
     * @param stored   the stored record
     * @param password the password itself, shown this once
     */
    public record Issued(AppPassword stored, String password) {
        @Override
        public String toString() {
            return "Issued[" + stored.getName() + "]";
        }
    }

    @PersistenceContext(unitName = "postilion")
    private EntityManager em;

    public Issued create(long accountId, String name, Set<String> protocols) throws DirectoryException {
        String n = name == null ? "" : name.strip();
        if (!NAME.matcher(n).matches()) {
            throw DirectoryException.invalid("an app password needs a name of 1 to 64 letters, digits, spaces or . _ : / + ( ) ' -");
        }
        Set<String> scope = new LinkedHashSet<>();
        for (String p : protocols == null ? Set.<String>of() : protocols) {
            String l = p == null ? "" : p.strip().toLowerCase(Locale.ROOT);
            if (!PROTOCOLS.contains(l)) {
                throw DirectoryException.invalid("an app password's protocols are imap, pop3 and smtp");
            }
            scope.add(l);
        }
        if (scope.isEmpty()) {
            throw DirectoryException.invalid("an app password needs at least one protocol: imap, pop3, smtp");
        }
        List<AppPassword> existing = list(accountId);
        if (existing.stream().anyMatch(p -> p.getName().equals(n))) {
            throw DirectoryException.conflict("there is an app password named " + n);
        }
        if (existing.size() >= MAX_PER_ACCOUNT) {
            throw DirectoryException.conflict("a user has at most " + MAX_PER_ACCOUNT + " app passwords");
        }
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            raw.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        AppPassword p = new AppPassword(accountId, n, hash(raw.toString()), scope);
        em.persist(p);
        String shown = String.join("-", raw.substring(0, 4), raw.substring(4, 8), raw.substring(8, 12),
                raw.substring(12));
        return new Issued(p, shown);
    }

    public List<AppPassword> list(long accountId) {
        return em.createNamedQuery(AppPassword.OF_ACCOUNT, AppPassword.class).setParameter("accountId", accountId)
                .getResultList();
    }

    public AppPassword revoke(long accountId, long id) throws DirectoryException {
        AppPassword p = em.find(AppPassword.class, id);
        if (p == null || p.getAccountId() != accountId) {
            throw DirectoryException.notFound("no app password " + id);
        }
        em.remove(p);
        return p;
    }

    /**
     * Whether the candidate is one of the account's app passwords, made for this protocol; records its use.
     * Anything that is not written like an app password is answered at once.
     */
    public boolean matches(long accountId, String candidate, String protocol) {
        String normalized = normalize(candidate);
        if (normalized == null || !PROTOCOLS.contains(protocol)) {
            return false;
        }
        List<AppPassword> found = em.createNamedQuery(AppPassword.MATCHING, AppPassword.class)
                .setParameter("accountId", accountId).setParameter("hash", hash(normalized)).getResultList();
        if (found.isEmpty() || !found.get(0).allows(protocol)) {
            return false;
        }
        AppPassword p = found.get(0);
        Instant now = Instant.now();
        if (p.getLastUsedAt() == null || p.getLastUsedAt().plus(LAST_USE_RESOLUTION).isBefore(now)) {
            p.setLastUsedAt(now);
        }
        return true;
    }

    /** The 16 characters of an app password as typed (dashes, spaces, any case), or null when it cannot be one. */
    static String normalize(String candidate) {
        if (candidate == null || candidate.length() > 40) {
            return null;
        }
        String s = candidate.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
        return NORMALIZED.matcher(s).matches() ? s : null;
    }

    private static String hash(String normalized) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
