package org.postilion.admin.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.postilion.admin.AdminAccount;
import org.postilion.admin.AdminDirectory;
import org.postilion.admin.AdminIdentity;
import org.postilion.admin.AdminRole;
import org.postilion.admin.ApiToken;
import org.postilion.admin.IssuedToken;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.DirectoryService;
import org.postilion.directory.Domain;
import org.postilion.security.PasswordHasher;
import org.postilion.security.PasswordPolicy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The administrators on JPA. Passwords are the same PBKDF2 credentials as mail users' ({@link PasswordHasher}),
 * checked against the same {@link PasswordPolicy}.
 *
 * <p>A token is {@value #TOKEN_PREFIX} followed by 32 random octets in base64url (43 characters); only its
 * SHA-256 is stored. Its last use is written at most once a minute, so that a script's requests do not each
 * write.
 *
 * <p>SECURITY: an unknown admin name costs a password check against a decoy credential, like an unknown mail
 * login; a malformed token is refused without a query. The last enabled server admin can be neither demoted,
 * disabled nor removed, so the server cannot be left without one.
 */
@Stateless
public class JpaAdminDirectory implements AdminDirectory {

    public static final String TOKEN_PREFIX = "pst_";
    private static final Pattern TOKEN = Pattern.compile("pst_[A-Za-z0-9_-]{43}");
    /** Lower case: letters, digits and {@code . _ @ + -}, starting with a letter or digit (an address will do). */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@+-]{0,63}");
    private static final Pattern TOKEN_NAME = Pattern.compile("[\\p{L}\\p{N} ._:/+-]{1,64}");
    private static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(JpaAdminDirectory.class.getName());

    @PersistenceContext(unitName = "postilion")
    private EntityManager em;

    @Inject
    private PasswordHasher hasher;

    @Inject
    private PasswordPolicy policy;

    @Inject
    private DirectoryService directory;

    @Override
    public Optional<AdminIdentity> verifyPassword(String name, String password) {
        Optional<AdminAccount> account = byName(name == null ? "" : name.strip().toLowerCase(Locale.ROOT));
        if (account.isEmpty() || password == null) {
            hasher.verify(password == null ? "" : password, hasher.decoy());
            return Optional.empty();
        }
        AdminAccount a = account.get();
        if (!hasher.verify(password, a.getPasswordHash()) || !a.isEnabled()) {
            return Optional.empty();
        }
        a.setLastLoginAt(Instant.now());
        return Optional.of(identity(a));
    }

    @Override
    public Optional<AdminIdentity> verifyToken(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        List<ApiToken> found = em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class)
                .setParameter("hash", hash(token)).getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiToken t = found.get(0);
        Instant now = Instant.now();
        if (t.isExpired(now) || !t.getAdmin().isEnabled()) {
            return Optional.empty();
        }
        if (t.getLastUsedAt() == null || t.getLastUsedAt().plus(LAST_USE_RESOLUTION).isBefore(now)) {
            t.setLastUsedAt(now);
        }
        return Optional.of(identity(t.getAdmin()));
    }

    @Override
    public Optional<AdminIdentity> verifySession(long id, String fingerprint) {
        AdminAccount a = em.find(AdminAccount.class, id);
        if (a == null || !a.isEnabled() || !PasswordHasher.fingerprint(a.getPasswordHash()).equals(fingerprint)) {
            return Optional.empty();
        }
        return Optional.of(identity(a));
    }

    @Override
    public long count() {
        return em.createNamedQuery(AdminAccount.COUNT, Long.class).getSingleResult();
    }

    @Override
    public AdminAccount createFirst(String name, String password) throws DirectoryException {
        if (count() > 0) {
            throw DirectoryException.conflict("an administrator exists already; the setup is closed");
        }
        return create(name, password, AdminRole.SERVER_ADMIN, List.of());
    }

    @Override
    public List<AdminAccount> list() {
        return em.createNamedQuery(AdminAccount.ALL, AdminAccount.class).getResultList();
    }

    @Override
    public AdminAccount find(String name) throws DirectoryException {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return byName(n).orElseThrow(() -> DirectoryException.notFound("no administrator " + n));
    }

    @Override
    public AdminAccount create(String name, String password, AdminRole role, Collection<String> domains)
            throws DirectoryException {
        String n = validName(name);
        if (role == null) {
            throw DirectoryException.invalid("a role is required: server-admin or domain-admin");
        }
        if (byName(n).isPresent()) {
            throw DirectoryException.conflict("administrator " + n + " exists");
        }
        AdminAccount a = new AdminAccount(n, credential(password, n), role);
        a.getDomains().addAll(grants(role, domains == null ? List.of() : domains));
        em.persist(a);
        LOG.info(() -> "administrator " + n + " added as " + role.group()
                + (a.getDomains().isEmpty() ? "" : " of " + domainNames(a)));
        return a;
    }

    @Override
    public AdminAccount update(String name, AdminRole role, Collection<String> domains, Boolean enabled)
            throws DirectoryException {
        AdminAccount a = find(name);
        AdminRole newRole = role != null ? role : a.getRole();
        boolean newEnabled = enabled != null ? enabled : a.isEnabled();
        if (a.getRole() == AdminRole.SERVER_ADMIN && a.isEnabled()
                && (newRole != AdminRole.SERVER_ADMIN || !newEnabled)) {
            requireAnotherServerAdmin(a);
        }
        Set<Domain> newGrants = domains != null ? grants(newRole, domains)
                : newRole == AdminRole.SERVER_ADMIN ? Set.of() : a.getDomains();
        if (newRole == AdminRole.DOMAIN_ADMIN && newGrants.isEmpty()) {
            throw DirectoryException.invalid("a domain admin needs at least one domain");
        }
        a.setRole(newRole);
        a.setEnabled(newEnabled);
        if (newGrants != a.getDomains()) {
            a.getDomains().clear();
            a.getDomains().addAll(newGrants);
        }
        LOG.info(() -> "administrator " + a.getName() + " is now " + newRole.group()
                + (a.getDomains().isEmpty() ? "" : " of " + domainNames(a)) + (newEnabled ? "" : ", disabled"));
        return a;
    }

    @Override
    public AdminAccount setPassword(String name, String password) throws DirectoryException {
        AdminAccount a = find(name);
        a.setPasswordHash(credential(password, a.getName()));
        LOG.info(() -> "administrator " + a.getName() + " has a new password");
        return a;
    }

    @Override
    public void delete(String name) throws DirectoryException {
        AdminAccount a = find(name);
        if (a.getRole() == AdminRole.SERVER_ADMIN && a.isEnabled()) {
            requireAnotherServerAdmin(a);
        }
        for (ApiToken t : em.createNamedQuery(ApiToken.OF_ADMIN, ApiToken.class).setParameter("admin", a)
                .getResultList()) {
            em.remove(t);
        }
        em.remove(a);
        LOG.info(() -> "administrator " + a.getName() + " removed with its tokens");
    }

    @Override
    public IssuedToken createToken(String admin, String tokenName, Instant expiresAt) throws DirectoryException {
        AdminAccount a = find(admin);
        if (tokenName == null || !TOKEN_NAME.matcher(tokenName.strip()).matches()) {
            throw DirectoryException.invalid("a token needs a name of 1 to 64 letters, digits, spaces or . _ : / + -");
        }
        String n = tokenName.strip();
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw DirectoryException.invalid("a token's expiry must be in the future");
        }
        if (tokens(a).stream().anyMatch(t -> t.getName().equals(n))) {
            throw DirectoryException.conflict(a.getName() + " has a token named " + n);
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiToken t = new ApiToken(a, n, hash(secret), secret.substring(0, TOKEN_PREFIX.length() + 4), expiresAt);
        em.persist(t);
        LOG.info(() -> "administrator " + a.getName() + " made API token " + n);
        return new IssuedToken(t, secret);
    }

    @Override
    public List<ApiToken> tokens(String admin) throws DirectoryException {
        return tokens(find(admin));
    }

    @Override
    public ApiToken revokeToken(String admin, long tokenId) throws DirectoryException {
        AdminAccount a = find(admin);
        ApiToken t = em.find(ApiToken.class, tokenId);
        if (t == null || !t.getAdmin().getId().equals(a.getId())) {
            throw DirectoryException.notFound("no token " + tokenId + " of " + a.getName());
        }
        em.remove(t);
        LOG.info(() -> "API token " + t.getName() + " of " + a.getName() + " revoked");
        return t;
    }

    private List<ApiToken> tokens(AdminAccount a) {
        return em.createNamedQuery(ApiToken.OF_ADMIN, ApiToken.class).setParameter("admin", a).getResultList();
    }

    private Optional<AdminAccount> byName(String name) {
        return em.createNamedQuery(AdminAccount.BY_NAME, AdminAccount.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    /**
     * Refuses to take away the last enabled server admin. The rows of all server admins are locked first, so two
     * admins demoting each other at the same moment cannot both succeed.
     */
    private void requireAnotherServerAdmin(AdminAccount a) throws DirectoryException {
        List<AdminAccount> all = em.createNamedQuery(AdminAccount.ALL, AdminAccount.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        boolean another = all.stream().anyMatch(o -> !o.getId().equals(a.getId())
                && o.getRole() == AdminRole.SERVER_ADMIN && o.isEnabled());
        if (!another) {
            throw DirectoryException.conflict(a.getName() + " is the last enabled server admin");
        }
    }

    private Set<Domain> grants(AdminRole role, Collection<String> domains) throws DirectoryException {
        if (role == AdminRole.SERVER_ADMIN) {
            if (!domains.isEmpty()) {
                throw DirectoryException.invalid("a server admin manages every domain; grant domains to domain admins");
            }
            return Set.of();
        }
        if (domains.isEmpty()) {
            throw DirectoryException.invalid("a domain admin needs at least one domain");
        }
        Set<Domain> found = new LinkedHashSet<>();
        for (String d : domains) {
            found.add(directory.findDomain(d));
        }
        return found;
    }

    private String credential(String password, String owner) throws DirectoryException {
        Optional<String> problem = policy.problem(password, owner);
        if (problem.isPresent()) {
            throw DirectoryException.invalid(problem.get());
        }
        try {
            return hasher.hash(password);
        } catch (IllegalArgumentException e) {
            throw DirectoryException.invalid(e.getMessage());
        }
    }

    private static String validName(String name) throws DirectoryException {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(n).matches()) {
            throw DirectoryException.invalid("an administrator's name has 1 to 64 letters, digits or . _ @ + - "
                    + "and starts with a letter or digit");
        }
        return n;
    }

    private static AdminIdentity identity(AdminAccount a) {
        return new AdminIdentity(a.getId(), a.getName(), a.getRole(),
                a.getDomains().stream().map(Domain::getName).collect(Collectors.toSet()),
                PasswordHasher.fingerprint(a.getPasswordHash()));
    }

    private static String domainNames(AdminAccount a) {
        return a.getDomains().stream().map(Domain::getName).sorted().collect(Collectors.joining(", "));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
