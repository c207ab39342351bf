package org.postilion.directory.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.postilion.directory.Account;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.DirectoryService;
import org.postilion.directory.Domain;
import org.postilion.directory.Resolution;
import org.postilion.mailbox.MailboxStore;
import org.postilion.security.PasswordHasher;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** The directory on JPA/Hibernate. */
@Stateless
public class JpaDirectoryService implements DirectoryService {

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
    private MailboxStore mailboxes;

    @Override
    public Domain createDomain(String name) throws DirectoryException {
        String domain = normalizeDomain(name);
        if (findDomain(domain).isPresent()) {
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
        Domain d = findDomain(domain).orElseThrow(() -> DirectoryException.notFound("no domain " + domain));
        long accounts = em.createNamedQuery(Account.COUNT_BY_DOMAIN, Long.class).setParameter("domain", d)
                .getSingleResult();
        if (accounts > 0) {
            throw DirectoryException.conflict("domain " + domain + " still has " + accounts + " users");
        }
        em.remove(d);
        LOG.info(() -> "domain " + domain + " removed");
    }

    @Override
    public Account createAccount(String address, String password) throws DirectoryException {
        String[] parts = splitAddress(address);
        Domain domain = findDomain(parts[1]).orElseThrow(() -> DirectoryException.notFound("no domain " + parts[1]));
        if (password == null || password.length() < PasswordHasher.MIN_LENGTH
                || password.length() > PasswordHasher.MAX_LENGTH) {
            throw DirectoryException.invalid("a password has " + PasswordHasher.MIN_LENGTH + " to "
                    + PasswordHasher.MAX_LENGTH + " characters");
        }
        if (findAccount(parts[0], parts[1]).isPresent()) {
            throw DirectoryException.conflict("user " + parts[0] + "@" + parts[1] + " exists");
        }
        Account account = new Account(domain, parts[0], hasher.hash(password));
        em.persist(account);
        mailboxes.createDefaultMailboxes(account);
        LOG.info(() -> "user " + account.getAddress() + " added");
        return account;
    }

    @Override
    public List<Account> listAccounts(String domain) throws DirectoryException {
        String name = normalizeDomain(domain);
        if (findDomain(name).isEmpty()) {
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
    public void deleteAccount(String address) throws DirectoryException {
        Account account = findAccount(address);
        mailboxes.deleteAll(account.getId());
        em.remove(account);
        LOG.info(() -> "user " + account.getAddress() + " removed with its mailboxes");
    }

    @Override
    public Resolution resolve(String localPart, String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (findDomain(d).isEmpty()) {
            return Resolution.REMOTE;
        }
        return findAccount(localPart.toLowerCase(Locale.ROOT), d)
                .map(a -> Resolution.local(a.getId()))
                .orElse(Resolution.UNKNOWN);
    }

    private Optional<Domain> findDomain(String name) {
        return em.createNamedQuery(Domain.BY_NAME, Domain.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    private Optional<Account> findAccount(String localPart, String domain) {
        return em.createNamedQuery(Account.BY_ADDRESS, Account.class)
                .setParameter("domain", domain)
                .setParameter("localPart", localPart)
                .getResultStream().findFirst();
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
}
