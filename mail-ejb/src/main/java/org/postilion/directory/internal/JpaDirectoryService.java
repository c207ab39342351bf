package org.postilion.directory.internal;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.hibernate.Session;
import org.postilion.directory.Account;
import org.postilion.directory.AccountLogin;
import org.postilion.directory.AccountQuery;
import org.postilion.directory.AccountSettings;
import org.postilion.directory.Alias;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.DirectoryService;
import org.postilion.directory.Domain;
import org.postilion.directory.DomainCounts;
import org.postilion.directory.DomainSettings;
import org.postilion.directory.MailNames;
import org.postilion.directory.Resolution;
import org.postilion.mailbox.Mailbox;
import org.postilion.mailbox.MailboxStore;
import org.postilion.security.PasswordHasher;
import org.postilion.security.PasswordPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The directory on JPA/Hibernate.
 *
 * <p>Resolution order for {@code local@domain} of a hosted domain, as Postfix's virtual tables with
 * {@code recipient_delimiter = +}: an account; an alias; the same two for the part before a {@code +}; the
 * postmaster ({@code postilion.postmaster}); the domain's catch-all; else unknown.
 */
@Stateless
public class JpaDirectoryService implements DirectoryService {

    public static final int MAX_ALIAS_DEPTH = 10;
    static final int MAX_TARGETS = 1000;
    private static final String POSTMASTER = "postmaster";

    private static final Logger LOG = Logger.getLogger(JpaDirectoryService.class.getName());


    @PersistenceContext(unitName = "postilion")
    private EntityManager em;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Inject
    private PasswordHasher hasher;

    @Inject
    private PasswordPolicy policy;

    @Inject
    private MailboxStore mailboxes;

    @Override
    public Domain createDomain(String name) throws DirectoryException {
        String domain = MailNames.domain(name);
        if (findDomainByName(domain).isPresent()) {
            throw DirectoryException.conflict("domain " + domain + " exists");
        }
        Domain d = new Domain(domain, MailNames.unicodeDomain(domain));
        em.persist(d);
        NOT_HOSTED.remove(domain);
        // and again once committed: a lookup between now and the commit would have found nothing
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before
            }

            @Override
            public void afterCompletion(int status) {
                NOT_HOSTED.remove(domain);
            }
        });
        LOG.info(() -> "domain " + domain + " added" + (d.getUnicodeName() == null ? "" : " (" + d.getUnicodeName() + ")"));
        return d;
    }

    @Override
    public List<Domain> listDomains() {
        return em.createNamedQuery(Domain.ALL, Domain.class).getResultList();
    }

    @Override
    public void deleteDomain(String name, boolean force) throws DirectoryException {
        String domain = MailNames.domain(name);
        Domain d = findDomainByName(domain).orElseThrow(() -> DirectoryException.notFound("no domain " + domain));
        List<Account> accounts = em.createNamedQuery(Account.BY_DOMAIN, Account.class).setParameter("domain", domain)
                .getResultList();
        long aliases = em.createNamedQuery(Alias.COUNT_BY_DOMAIN, Long.class).setParameter("domain", d)
                .getSingleResult();
        if (!force && (!accounts.isEmpty() || aliases > 0)) {
            throw DirectoryException.conflict("domain " + domain + " still has " + accounts.size() + " users and "
                    + aliases + " alias targets");
        }
        for (Account a : accounts) {
            mailboxes.deleteAll(a.getId());
            em.remove(a);
        }
        // entity by entity, not in bulk: alias rows already read in this transaction would still point at the domain
        for (Alias a : em.createNamedQuery(Alias.OF_DOMAIN, Alias.class).setParameter("domain", domain)
                .getResultList()) {
            em.remove(a);
        }
        em.remove(d);
        LOG.info(() -> "domain " + domain + " removed" + (force ? " with " + accounts.size() + " users and "
                + aliases + " alias targets" : ""));
    }

    @Override
    public Domain updateDomain(String name, DomainSettings settings) throws DirectoryException {
        Domain d = findDomain(name);
        if (settings.defaultQuotaBytes() != null && settings.defaultQuotaBytes() < 0) {
            throw DirectoryException.invalid("a default quota is 0 or more octets, or null for the server's default");
        }
        if (settings.maxUsers() != null && settings.maxUsers() < 0) {
            throw DirectoryException.invalid("a user limit is 0 or more, or null for none");
        }
        if (settings.enabled() != null) {
            d.setEnabled(settings.enabled());
        }
        if (settings.plusAddressing() != null) {
            d.setPlusAddressing(settings.plusAddressing());
        }
        d.setDefaultQuotaBytes(settings.defaultQuotaBytes());
        d.setMaxUsers(settings.maxUsers());
        LOG.info(() -> "domain " + d.getName() + ": enabled=" + d.isEnabled() + ", plus-addressing="
                + d.isPlusAddressing() + ", default quota=" + d.getDefaultQuotaBytes() + ", max users="
                + d.getMaxUsers());
        return d;
    }

    @Override
    public Map<String, DomainCounts> countDomains() {
        Map<String, long[]> counts = new HashMap<>();
        for (Object[] row : em.createNamedQuery(Account.COUNT_PER_DOMAIN, Object[].class).getResultList()) {
            counts.computeIfAbsent((String) row[0], k -> new long[3])[0] = (Long) row[1];
        }
        for (Object[] row : em.createNamedQuery(Alias.COUNT_ADDRESSES_PER_DOMAIN, Object[].class).getResultList()) {
            counts.computeIfAbsent((String) row[0], k -> new long[3])[1] = (Long) row[1];
        }
        for (Object[] row : em.createNamedQuery(Mailbox.SIZE_PER_DOMAIN, Object[].class).getResultList()) {
            counts.computeIfAbsent((String) row[0], k -> new long[3])[2] = row[1] == null ? 0 : ((Number) row[1]).longValue();
        }
        Map<String, DomainCounts> result = new HashMap<>();
        counts.forEach((domain, c) -> result.put(domain, new DomainCounts(c[0], c[1], c[2])));
        return result;
    }

    @Override
    public Account createAccount(String address, String password) throws DirectoryException {
        String[] parts = MailNames.address(address);
        Domain domain = findDomainByName(parts[1]).orElseThrow(() -> DirectoryException.notFound("no domain " + parts[1]));
        if (findAccount(parts[0], parts[1]).isPresent()) {
            throw DirectoryException.conflict("user " + parts[0] + "@" + parts[1] + " exists");
        }
        if (!aliasTargets(parts[0], parts[1]).isEmpty()) {
            throw DirectoryException.conflict(parts[0] + "@" + parts[1] + " is an alias");
        }
        if (domain.getMaxUsers() != null && em.createNamedQuery(Account.COUNT_BY_DOMAIN, Long.class)
                .setParameter("domain", domain).getSingleResult() >= domain.getMaxUsers()) {
            throw DirectoryException.conflict("domain " + parts[1] + " has its " + domain.getMaxUsers()
                    + " users already (its limit)");
        }
        Account account = new Account(domain, parts[0], credential(password, parts[0] + "@" + parts[1]));
        em.persist(account);
        mailboxes.createDefaultMailboxes(account);
        LOG.info(() -> "user " + account.getAddress() + " added");
        return account;
    }

    @Override
    public Account setPassword(String address, String password) throws DirectoryException {
        Account account = findAccount(address);
        account.setPasswordHash(credential(password, account.getAddress()));
        LOG.info(() -> "user " + account.getAddress() + " has a new password");
        return account;
    }

    /** The stored credential of a new password that the policy allows. */
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

    @Override
    public Domain findDomain(String name) throws DirectoryException {
        String domain = MailNames.domain(name);
        return findDomainByName(domain).orElseThrow(() -> DirectoryException.notFound("no domain " + domain));
    }

    @Override
    public List<Account> listAccounts(String domain) throws DirectoryException {
        String name = MailNames.domain(domain);
        if (findDomainByName(name).isEmpty()) {
            throw DirectoryException.notFound("no domain " + name);
        }
        return em.createNamedQuery(Account.BY_DOMAIN, Account.class).setParameter("domain", name).getResultList();
    }

    @Override
    public AccountQuery.Page findAccounts(AccountQuery q) {
        if (q.domains() != null && q.domains().isEmpty()) {
            return new AccountQuery.Page(List.of(), 0);
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Account> select = cb.createQuery(Account.class);
        Root<Account> a = select.from(Account.class);
        // fetched with the accounts: callers read the domain (its name, its default quota) after the transaction
        @SuppressWarnings("unchecked")
        Join<Account, Domain> d = (Join<Account, Domain>) a.<Account, Domain>fetch("domain");
        select.where(accountFilters(cb, a, d, q)).orderBy(cb.asc(d.get("name")), cb.asc(a.get("localPart")));
        List<Account> page = em.createQuery(select).setFirstResult(q.offset()).setMaxResults(q.limit())
                .getResultList();
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<Account> c = count.from(Account.class);
        count.select(cb.count(c)).where(accountFilters(cb, c, c.join("domain"), q));
        return new AccountQuery.Page(page, em.createQuery(count).getSingleResult());
    }

    private static Predicate[] accountFilters(CriteriaBuilder cb, Root<Account> a, Join<Account, Domain> d,
                                              AccountQuery q) {
        List<Predicate> where = new ArrayList<>();
        if (q.domains() != null) {
            where.add(d.get("name").in(q.domains()));
        }
        if (q.text() != null && !q.text().isBlank()) {
            String like = "%" + q.text().strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            where.add(cb.or(
                    cb.like(cb.concat(cb.concat(a.get("localPart"), "@"), d.get("name")), like, '\\'),
                    cb.like(cb.lower(a.get("displayName")), like, '\\'),
                    cb.like(cb.lower(cb.coalesce(d.get("unicodeName"), "")), like, '\\')));
        }
        return where.toArray(Predicate[]::new);
    }

    @Override
    public Account updateAccount(String address, AccountSettings settings) throws DirectoryException {
        Account account = findAccount(address);
        String display = settings.displayName() == null || settings.displayName().isBlank() ? null
                : settings.displayName().strip();
        if (display != null && (display.length() > 200 || display.chars().anyMatch(Character::isISOControl))) {
            throw DirectoryException.invalid("a display name has at most 200 characters and no control characters");
        }
        String forward = null;
        if (settings.forwardTo() != null && !settings.forwardTo().isBlank()) {
            String[] f = MailNames.address(settings.forwardTo());
            forward = f[0] + "@" + f[1];
            if (forward.equals(account.getAddress())) {
                throw DirectoryException.invalid("a user cannot forward to itself");
            }
        }
        account.setDisplayName(display);
        if (settings.enabled() != null) {
            account.setEnabled(settings.enabled());
        }
        account.setForwarding(forward, settings.keepCopy() != null ? settings.keepCopy()
                : account.isForwardKeepCopy());
        String f = forward;
        LOG.info(() -> "user " + account.getAddress() + ": enabled=" + account.isEnabled()
                + (f == null ? "" : ", forwarded to " + f + (account.isForwardKeepCopy() ? " (copy kept)" : "")));
        return account;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordLogin(long accountId, String protocol) {
        Instant now = Instant.now();
        int updated = em.createNamedQuery(AccountLogin.UPDATE).setParameter("accountId", accountId)
                .setParameter("protocol", protocol).setParameter("at", now).executeUpdate();
        if (updated == 0) {
            em.persist(new AccountLogin(accountId, protocol, now));
        }
    }

    @Override
    public Map<String, Instant> lastLogins(long accountId) {
        Map<String, Instant> logins = new TreeMap<>();
        for (AccountLogin l : em.createNamedQuery(AccountLogin.OF_ACCOUNT, AccountLogin.class)
                .setParameter("accountId", accountId).getResultList()) {
            logins.put(l.getProtocol(), l.getAt());
        }
        return logins;
    }

    @Override
    public Account findAccount(String address) throws DirectoryException {
        String[] parts = MailNames.address(address);
        return findAccount(parts[0], parts[1])
                .orElseThrow(() -> DirectoryException.notFound("no user " + parts[0] + "@" + parts[1]));
    }

    @Override
    public Optional<Account> findAccountByLogin(String login) {
        if (login == null) {
            return Optional.empty();
        }
        String[] parts;
        try {
            parts = MailNames.address(login);
        } catch (DirectoryException notAnAddress) {
            return Optional.empty();
        }
        return findAccount(parts[0], parts[1]);
    }

    @Override
    public Account setQuota(String address, Long bytes) throws DirectoryException {
        if (bytes != null && bytes < 0) {
            throw DirectoryException.invalid("a quota is 0 or more octets, or null for the server's default");
        }
        Account account = findAccount(address);
        account.setQuotaBytes(bytes);
        LOG.info(() -> "user " + account.getAddress() + " has a quota of "
                + (bytes == null ? "the server's default" : bytes + " octets"));
        return account;
    }

    @Override
    public void deleteAccount(String address) throws DirectoryException {
        Account account = findAccount(address);
        mailboxes.deleteAll(account.getId());
        em.remove(account);
        LOG.info(() -> "user " + account.getAddress() + " removed with its mailboxes");
    }

    @Override
    public List<Alias> createAlias(String address, List<String> targets) throws DirectoryException {
        String[] parts = splitAliasAddress(address);
        if (!aliasTargets(parts[0], parts[1]).isEmpty()) {
            throw DirectoryException.conflict("alias " + parts[0] + "@" + parts[1] + " exists");
        }
        return setAlias(address, targets);
    }

    @Override
    public List<Alias> setAlias(String address, List<String> targets) throws DirectoryException {
        String[] parts = splitAliasAddress(address);
        Domain domain = findDomainByName(parts[1]).orElseThrow(() -> DirectoryException.notFound("no domain " + parts[1]));
        if (!parts[0].isEmpty() && findAccount(parts[0], parts[1]).isPresent()) {
            throw DirectoryException.conflict(parts[0] + "@" + parts[1] + " is a user");
        }
        if (targets == null || targets.isEmpty() || targets.size() > MAX_TARGETS) {
            throw DirectoryException.invalid("an alias has 1 to " + MAX_TARGETS + " targets");
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (String t : targets) {
            String[] tp = MailNames.address(t);
            normalized.add(tp[0] + "@" + tp[1]);
        }
        em.createNamedQuery(Alias.DELETE_OF_ADDRESS).setParameter("domain", domain).setParameter("localPart", parts[0])
                .executeUpdate();
        List<Alias> rows = new ArrayList<>();
        for (String t : normalized) {
            Alias a = new Alias(domain, parts[0], t);
            em.persist(a);
            rows.add(a);
        }
        LOG.info(() -> "alias " + parts[0] + "@" + parts[1] + " -> " + normalized);
        return rows;
    }

    @Override
    public List<Alias> listAliases(String domain) throws DirectoryException {
        if (domain == null) {
            return em.createNamedQuery(Alias.ALL, Alias.class).getResultList();
        }
        String name = MailNames.domain(domain);
        if (findDomainByName(name).isEmpty()) {
            throw DirectoryException.notFound("no domain " + name);
        }
        return em.createNamedQuery(Alias.OF_DOMAIN, Alias.class).setParameter("domain", name).getResultList();
    }

    @Override
    public List<Alias> findAlias(String address) throws DirectoryException {
        List<Alias> rows = aliasRows(address);
        if (rows.isEmpty()) {
            String[] parts = splitAliasAddress(address);
            throw DirectoryException.notFound("no alias " + parts[0] + "@" + parts[1]);
        }
        return rows;
    }

    @Override
    public List<Alias> aliasRows(String address) throws DirectoryException {
        String[] parts = splitAliasAddress(address);
        return em.createNamedQuery(Alias.OF_ADDRESS, Alias.class).setParameter("domain", parts[1])
                .setParameter("localPart", parts[0]).getResultList();
    }

    @Override
    public void deleteAlias(String address) throws DirectoryException {
        String[] parts = splitAliasAddress(address);
        Domain domain = findDomainByName(parts[1]).orElseThrow(() -> DirectoryException.notFound("no domain " + parts[1]));
        int removed = em.createNamedQuery(Alias.DELETE_OF_ADDRESS).setParameter("domain", domain)
                .setParameter("localPart", parts[0]).executeUpdate();
        if (removed == 0) {
            throw DirectoryException.notFound("no alias " + parts[0] + "@" + parts[1]);
        }
        LOG.info(() -> "alias " + parts[0] + "@" + parts[1] + " removed");
    }

    @Override
    public Resolution resolve(String localPart, String domain) {
        Optional<Domain> hosted = findDomainByName(domain.toLowerCase(Locale.ROOT));
        if (hosted.isEmpty()) {
            return Resolution.NOT_HOSTED;
        }
        Expansion e = new Expansion();
        if (!expandHosted(MailNames.localPart(localPart), hosted.get(), e, 0)) {
            return Resolution.UNKNOWN;
        }
        if (e.accounts.isEmpty() && e.remote.isEmpty()) {
            // a disabled user (or domain), or an alias whose targets all lead nowhere (removed users)
            return e.disabled ? Resolution.DISABLED : Resolution.UNKNOWN;
        }
        return new Resolution(Resolution.Kind.DELIVERABLE, e.accounts, e.remote);
    }

    @Override
    public boolean mayUseAddress(String accountAddress, String address) {
        String owner = accountAddress.toLowerCase(Locale.ROOT);
        String a = address.toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at <= 0) {
            return false;
        }
        String local = a.substring(0, at);
        String domain = a.substring(at + 1);
        int plus = local.indexOf('+');
        String base = plus > 0 ? local.substring(0, plus) : local;
        if ((base + "@" + domain).equals(owner) || a.equals(owner)) {
            return true;
        }
        for (String candidate : plus > 0 ? List.of(local, base) : List.of(local)) {
            long n = em.createNamedQuery(Alias.OWNED_BY, Long.class).setParameter("domain", domain)
                    .setParameter("localPart", candidate).setParameter("target", owner).getSingleResult();
            if (n > 0) {
                return true;
            }
        }
        return false;
    }

    /** What an address expands to, as it is worked out. */
    private static final class Expansion {
        final Set<Long> accounts = new LinkedHashSet<>();
        final Set<String> remote = new LinkedHashSet<>();
        final Set<String> seen = new LinkedHashSet<>();
        /** whether a disabled user or domain was met on the way */
        boolean disabled;
    }

    /**
     * Expands {@code local@domain} of a hosted domain into accounts and remote addresses; returns whether the
     * address exists (an account, an alias, a postmaster or a catch-all), enabled or not.
     */
    private boolean expandHosted(String local, Domain domain, Expansion e, int depth) {
        if (!domain.isEnabled()) {
            e.disabled = true;
            return true;
        }
        if (expandExact(local, domain.getName(), e, depth)) {
            return true;
        }
        int plus = local.indexOf('+');
        if (plus > 0 && domain.isPlusAddressing() && expandExact(local.substring(0, plus), domain.getName(), e, depth)) {
            return true;
        }
        if (local.equals(POSTMASTER)) {
            String postmaster = System.getProperty("postilion.postmaster");
            if (postmaster != null && !postmaster.isBlank()) {
                expandTarget(postmaster.strip().toLowerCase(Locale.ROOT), e, depth + 1);
                return true;
            }
        }
        List<String> catchAll = aliasTargets(Alias.CATCH_ALL, domain.getName());
        for (String target : catchAll) {
            expandTarget(target, e, depth + 1);
        }
        return !catchAll.isEmpty();
    }

    /** An account (disabled: nothing; forwarding: its target, and itself if it keeps a copy) or an alias. */
    private boolean expandExact(String local, String domain, Expansion e, int depth) {
        Optional<Account> account = findAccount(local, domain);
        if (account.isPresent()) {
            Account a = account.get();
            if (!a.isEnabled()) {
                e.disabled = true;
            } else if (a.getForwardTo() == null) {
                e.accounts.add(a.getId());
            } else {
                if (a.isForwardKeepCopy()) {
                    e.accounts.add(a.getId());
                }
                e.seen.add(a.getAddress());
                expandTarget(a.getForwardTo(), e, depth + 1);
            }
            return true;
        }
        List<String> targets = aliasTargets(local, domain);
        for (String target : targets) {
            expandTarget(target, e, depth + 1);
        }
        return !targets.isEmpty();
    }

    private void expandTarget(String target, Expansion e, int depth) {
        if (!e.seen.add(target)) {
            return;
        }
        if (depth > MAX_ALIAS_DEPTH) {
            LOG.warning(() -> "alias expansion deeper than " + MAX_ALIAS_DEPTH + " levels at " + target + "; stopped");
            return;
        }
        int at = target.lastIndexOf('@');
        Optional<Domain> hosted = findDomainByName(target.substring(at + 1));
        if (hosted.isPresent()) {
            if (!expandHosted(target.substring(0, at), hosted.get(), e, depth)) {
                LOG.warning(() -> "alias target " + target + " does not exist");
            }
        } else {
            e.remote.add(target);
        }
    }

    private List<String> aliasTargets(String local, String domain) {
        return em.createNamedQuery(Alias.TARGETS, String.class).setParameter("domain", domain)
                .setParameter("localPart", local).getResultList();
    }

    /** By natural id: answered from the second-level cache, without a query, once the domain was read. */
    /**
     * Domains found not to be hosted, and until when that answer holds ({@value #NOT_HOSTED_SECONDS} s): mail for
     * elsewhere asks for its domain at every RCPT and every outbound attempt, and a natural-id lookup that finds
     * nothing is not kept by the second-level cache (each one leaves a pending put that Infinispan's validator
     * then sweeps, a tenth of the CPU of remote delivery when measured). A domain added here is removed from it at
     * once; one added on another node is seen within the interval.
     */
    private static final Map<String, Long> NOT_HOSTED = new ConcurrentHashMap<>();
    private static final int NOT_HOSTED_SECONDS = 10;
    private static final int NOT_HOSTED_MAX = 10_000;

    private Optional<Domain> findDomainByName(String name) {
        Long until = NOT_HOSTED.get(name);
        long now = System.nanoTime();
        if (until != null && now - until < 0) {
            return Optional.empty();
        }
        Optional<Domain> d = em.unwrap(Session.class).bySimpleNaturalId(Domain.class).loadOptional(name);
        if (d.isEmpty()) {
            if (NOT_HOSTED.size() >= NOT_HOSTED_MAX) {
                NOT_HOSTED.clear();
            }
            NOT_HOSTED.put(name, now + NOT_HOSTED_SECONDS * 1_000_000_000L);
        } else if (until != null) {
            NOT_HOSTED.remove(name);
        }
        return d;
    }

    private Optional<Account> findAccount(String localPart, String domain) {
        return findDomainByName(domain).flatMap(d -> em.unwrap(Session.class).byNaturalId(Account.class)
                .using("domain", d).using("localPart", localPart).loadOptional());
    }

    /** An alias address: {@code local@domain}, or {@code @domain} for the catch-all (local part ""). */
    static String[] splitAliasAddress(String address) throws DirectoryException {
        if (address != null && address.strip().startsWith("@")) {
            return new String[] {Alias.CATCH_ALL, MailNames.domain(address.strip().substring(1))};
        }
        return MailNames.address(address);
    }
}
