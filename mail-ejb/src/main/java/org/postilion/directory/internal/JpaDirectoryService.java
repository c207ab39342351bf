package org.postilion.directory.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.hibernate.Session;
import org.postilion.directory.Account;
import org.postilion.directory.Alias;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.DirectoryService;
import org.postilion.directory.Domain;
import org.postilion.directory.Resolution;
import org.postilion.mailbox.MailboxStore;
import org.postilion.security.PasswordHasher;
import org.postilion.security.PasswordPolicy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

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

    /** A host name: LDH labels of 1 to 63 characters, not starting or ending with a hyphen. */
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    /** A dot-atom local part (RFC 5322 atext), lower case. */
    private static final Pattern LOCAL_PART = Pattern.compile(
            "(?=.{1,64}$)[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    @PersistenceContext(unitName = "postilion")
    private EntityManager em;

    @Inject
    private PasswordHasher hasher;

    @Inject
    private PasswordPolicy policy;

    @Inject
    private MailboxStore mailboxes;

    @Override
    public Domain createDomain(String name) throws DirectoryException {
        String domain = normalizeDomain(name);
        if (findDomainByName(domain).isPresent()) {
            throw DirectoryException.conflict("domain " + domain + " exists");
        }
        Domain d = new Domain(domain);
        em.persist(d);
        LOG.info(() -> "domain " + domain + " added");
        return d;
    }

    @Override
    public List<Domain> listDomains() {
        return em.createNamedQuery(Domain.ALL, Domain.class).getResultList();
    }

    @Override
    public void deleteDomain(String name) throws DirectoryException {
        String domain = normalizeDomain(name);
        Domain d = findDomainByName(domain).orElseThrow(() -> DirectoryException.notFound("no domain " + domain));
        long accounts = em.createNamedQuery(Account.COUNT_BY_DOMAIN, Long.class).setParameter("domain", d)
                .getSingleResult();
        long aliases = em.createNamedQuery(Alias.COUNT_BY_DOMAIN, Long.class).setParameter("domain", d)
                .getSingleResult();
        if (accounts > 0 || aliases > 0) {
            throw DirectoryException.conflict("domain " + domain + " still has " + accounts + " users and "
                    + aliases + " alias targets");
        }
        em.remove(d);
        LOG.info(() -> "domain " + domain + " removed");
    }

    @Override
    public Account createAccount(String address, String password) throws DirectoryException {
        String[] parts = splitAddress(address);
        Domain domain = findDomainByName(parts[1]).orElseThrow(() -> DirectoryException.notFound("no domain " + parts[1]));
        if (findAccount(parts[0], parts[1]).isPresent()) {
            throw DirectoryException.conflict("user " + parts[0] + "@" + parts[1] + " exists");
        }
        if (!aliasTargets(parts[0], parts[1]).isEmpty()) {
            throw DirectoryException.conflict(parts[0] + "@" + parts[1] + " is an alias");
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
        String domain = normalizeDomain(name);
        return findDomainByName(domain).orElseThrow(() -> DirectoryException.notFound("no domain " + domain));
    }

    @Override
    public List<Account> listAccounts(String domain) throws DirectoryException {
        String name = normalizeDomain(domain);
        if (findDomainByName(name).isEmpty()) {
            throw DirectoryException.notFound("no domain " + name);
        }
        return em.createNamedQuery(Account.BY_DOMAIN, Account.class).setParameter("domain", name).getResultList();
    }

    @Override
    public Account findAccount(String address) throws DirectoryException {
        String[] parts = splitAddress(address);
        return findAccount(parts[0], parts[1])
                .orElseThrow(() -> DirectoryException.notFound("no user " + parts[0] + "@" + parts[1]));
    }

    @Override
    public Optional<Account> findAccountByLogin(String login) {
        if (login == null) {
            return Optional.empty();
        }
        String l = login.strip().toLowerCase(Locale.ROOT);
        int at = l.lastIndexOf('@');
        if (at <= 0 || at == l.length() - 1) {
            return Optional.empty();
        }
        return findAccount(l.substring(0, at), l.substring(at + 1));
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
            String[] tp = splitAddress(t);
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
        String name = normalizeDomain(domain);
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
        String d = domain.toLowerCase(Locale.ROOT);
        if (findDomainByName(d).isEmpty()) {
            return Resolution.NOT_HOSTED;
        }
        Set<Long> accounts = new LinkedHashSet<>();
        Set<String> remote = new LinkedHashSet<>();
        if (!expandHosted(localPart.toLowerCase(Locale.ROOT), d, accounts, remote, 0, new LinkedHashSet<>())) {
            return Resolution.UNKNOWN;
        }
        if (accounts.isEmpty() && remote.isEmpty()) {
            // an alias whose targets all lead nowhere (removed users): nothing can take the mail
            return Resolution.UNKNOWN;
        }
        return new Resolution(Resolution.Kind.DELIVERABLE, accounts, remote);
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

    /**
     * Expands {@code local@domain} of a hosted domain into accounts and remote addresses; returns whether the
     * address exists (an account, an alias, a postmaster or a catch-all).
     */
    private boolean expandHosted(String local, String domain, Set<Long> accounts, Set<String> remote, int depth,
                                 Set<String> seen) {
        if (expandExact(local, domain, accounts, remote, depth, seen)) {
            return true;
        }
        int plus = local.indexOf('+');
        if (plus > 0 && expandExact(local.substring(0, plus), domain, accounts, remote, depth, seen)) {
            return true;
        }
        if (local.equals(POSTMASTER)) {
            String postmaster = System.getProperty("postilion.postmaster");
            if (postmaster != null && !postmaster.isBlank()) {
                expandTarget(postmaster.strip().toLowerCase(Locale.ROOT), accounts, remote, depth + 1, seen);
                return true;
            }
        }
        List<String> catchAll = aliasTargets(Alias.CATCH_ALL, domain);
        for (String target : catchAll) {
            expandTarget(target, accounts, remote, depth + 1, seen);
        }
        return !catchAll.isEmpty();
    }

    private boolean expandExact(String local, String domain, Set<Long> accounts, Set<String> remote, int depth,
                                Set<String> seen) {
        Optional<Account> account = findAccount(local, domain);
        if (account.isPresent()) {
            accounts.add(account.get().getId());
            return true;
        }
        List<String> targets = aliasTargets(local, domain);
        for (String target : targets) {
            expandTarget(target, accounts, remote, depth + 1, seen);
        }
        return !targets.isEmpty();
    }

    private void expandTarget(String target, Set<Long> accounts, Set<String> remote, int depth, Set<String> seen) {
        if (!seen.add(target)) {
            return;
        }
        if (depth > MAX_ALIAS_DEPTH) {
            LOG.warning(() -> "alias expansion deeper than " + MAX_ALIAS_DEPTH + " levels at " + target + "; stopped");
            return;
        }
        int at = target.lastIndexOf('@');
        String domain = target.substring(at + 1);
        if (findDomainByName(domain).isPresent()) {
            if (!expandHosted(target.substring(0, at), domain, accounts, remote, depth, seen)) {
                LOG.warning(() -> "alias target " + target + " does not exist");
            }
        } else {
            remote.add(target);
        }
    }

    private List<String> aliasTargets(String local, String domain) {
        return em.createNamedQuery(Alias.TARGETS, String.class).setParameter("domain", domain)
                .setParameter("localPart", local).getResultList();
    }

    /** By natural id: answered from the second-level cache, without a query, once the domain was read. */
    private Optional<Domain> findDomainByName(String name) {
        return em.unwrap(Session.class).bySimpleNaturalId(Domain.class).loadOptional(name);
    }

    private Optional<Account> findAccount(String localPart, String domain) {
        return findDomainByName(domain).flatMap(d -> em.unwrap(Session.class).byNaturalId(Account.class)
                .using("domain", d).using("localPart", localPart).loadOptional());
    }

    static String normalizeDomain(String name) throws DirectoryException {
        if (name == null) {
            throw DirectoryException.invalid("a domain name is required");
        }
        String d = name.strip().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (!DOMAIN.matcher(d).matches()) {
            throw DirectoryException.invalid("not a domain name: " + name);
        }
        return d;
    }

    static String[] splitAddress(String address) throws DirectoryException {
        if (address == null) {
            throw DirectoryException.invalid("an address is required");
        }
        String a = address.strip().toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at <= 0 || !LOCAL_PART.matcher(a.substring(0, at)).matches()) {
            throw DirectoryException.invalid("not an address: " + address);
        }
        return new String[] {a.substring(0, at), normalizeDomain(a.substring(at + 1))};
    }

    /** An alias address: {@code local@domain}, or {@code @domain} for the catch-all (local part ""). */
    static String[] splitAliasAddress(String address) throws DirectoryException {
        if (address != null && address.strip().startsWith("@")) {
            return new String[] {Alias.CATCH_ALL, normalizeDomain(address.strip().substring(1))};
        }
        return splitAddress(address);
    }
}
