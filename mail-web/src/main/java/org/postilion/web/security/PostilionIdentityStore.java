package org.postilion.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.postilion.admin.AdminDirectory;
import org.postilion.admin.AdminIdentity;
import org.postilion.connector.spi.AuthVerdict;
import org.postilion.directory.Account;
import org.postilion.directory.DirectoryService;
import org.postilion.security.Authenticator;
import org.postilion.security.PasswordHasher;

import java.util.Optional;
import java.util.Set;

/**
 * The Jakarta Security identity store over Postilion's own tables: admin accounts (name and password), their API
 * tokens, mail users (address and password, for the self-service pages), and web sessions, which are validated
 * again on every request. Passwords are checked by the EJB tier against their PBKDF2 credentials.
 */
@ApplicationScoped
public class PostilionIdentityStore implements IdentityStore {

    @Inject
    private AdminDirectory admins;

    @Inject
    private Authenticator authenticator;

    @Inject
    private DirectoryService directory;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential c) {
            return admin(admins.verifyPassword(c.getCaller(), c.getPasswordAsString()));
        }
        if (credential instanceof Credentials.Token t) {
            return admin(admins.verifyToken(t.token()));
        }
        if (credential instanceof Credentials.MailUser m) {
            AuthVerdict verdict = authenticator.verifyPassword(m.address(), new String(m.password().getValue()),
                    Authenticator.WEB);
            return verdict instanceof AuthVerdict.Authenticated a ? mailUser(directory.findAccountByLogin(a.user()), null)
                    : CredentialValidationResult.INVALID_RESULT;
        }
        if (credential instanceof Credentials.Session s) {
            SessionGrant g = s.grant();
            return switch (g.kind()) {
                case ADMIN -> admin(admins.verifySession(g.id(), g.fingerprint()));
                case MAIL_USER -> mailUser(directory.findAccountByLogin(g.name()).filter(a -> a.getId() == g.id()),
                        g.fingerprint());
            };
        }
        return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }

    private static CredentialValidationResult admin(Optional<AdminIdentity> identity) {
        if (identity.isEmpty()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        AdminIdentity a = identity.get();
        return new CredentialValidationResult(
                new PostilionPrincipal(Caller.Kind.ADMIN, a.id(), a.name(), a, a.fingerprint()),
                Set.of(a.role().group()));
    }

    /** A mail user, if the account exists and (for a session) still has the password it signed in with. */
    private static CredentialValidationResult mailUser(Optional<Account> account, String fingerprint) {
        if (account.isEmpty()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        Account a = account.get();
        String current = PasswordHasher.fingerprint(a.getPasswordHash());
        if (fingerprint != null && !fingerprint.equals(current)) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(
                new PostilionPrincipal(Caller.Kind.MAIL_USER, a.getId(), a.getAddress(), null, current),
                Set.of(Caller.MAIL_USER));
    }
}
