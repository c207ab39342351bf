package org.postilion.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.postilion.audit.AuditRecord.Via;
import org.postilion.connector.spi.AuthThrottle;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signing in with a password, and the other secrets a person types (the current password, the setup token): each
 * failure is counted per client address and per account name in the same {@link AuthThrottle} policy as SMTP
 * AUTH and IMAP LOGIN, and past its limits the attempt is refused before any password is checked.
 *
 * <p>A successful sign-in starts a new web session (the old one, if any, is dropped, so a session id planted
 * before the sign-in is worthless) holding a {@link SessionGrant} with a fresh anti-forgery token.
 *
 * <p>LIMITS: {@code postilion.auth.ip-failure-limit} (10) failures per address and
 * {@code postilion.auth.user-failure-limit} (100) per account name within {@code postilion.auth.failure-window}
 * (900 s), counted in this JVM.
 */
@ApplicationScoped
public class SignIn {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What became of an attempt. */
    public sealed interface Outcome permits SignedIn, Denied, Throttled {
    }

    /** The password was right: the caller and its new session. */
    public record SignedIn(Caller caller) implements Outcome {
    }

    /** Wrong name or password (the two are not told apart). */
    public record Denied() implements Outcome {
    }

    /** Too many failures lately from this address or for this account: refused without checking. */
    public record Throttled() implements Outcome {
    }

    @Inject
    private IdentityStoreHandler identities;

    private final AuthThrottle throttle = AuthThrottle.configured(System::getProperty);

    /**
     * Checks a password credential and, when it is right, starts a web session for its owner.
     *
     * @param account the name the credential claims, for the per-account count
     */
    public Outcome withPassword(HttpServletRequest request, Credential credential, String account) {
        String client = request.getRemoteAddr();
        if (isThrottled(client, account)) {
            return new Throttled();
        }
        CredentialValidationResult result = identities.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID
                || !(result.getCallerPrincipal() instanceof PostilionPrincipal p)) {
            failed(client, account);
            return new Denied();
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        SessionGrant grant = new SessionGrant(p.kind(), p.id(), p.getName(), p.fingerprint(), newCsrfToken());
        request.getSession(true).setAttribute(SessionGrant.ATTRIBUTE, grant);
        return new SignedIn(new Caller(p.kind(), p.getName(), p.admin(), Via.SESSION, client, grant.csrfToken()));
    }

    /** Ends the request's web session, if it has one. */
    public void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** Whether the address, or the account (when named), failed too often lately. */
    public boolean isThrottled(String clientAddress, String account) {
        return throttle.isAddressBlocked(clientAddress) || throttle.isUserBlocked(account);
    }

    /** Counts a failed attempt; {@code account} null when the secret named none (the setup token). */
    public void failed(String clientAddress, String account) {
        throttle.failed(clientAddress, account);
    }

    private static String newCsrfToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
