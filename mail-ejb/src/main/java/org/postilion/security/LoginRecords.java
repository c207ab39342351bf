package org.postilion.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postilion.directory.DirectoryService;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When each account last logged in, per protocol, for the administrators' user pages. Mail clients log in many
 * times an hour, so a login is written only when the account's last written login over that protocol is older
 * than {@value #RESOLUTION_MILLIS} ms (as this node knows it): the time shown is exact to those minutes. The write
 * is its own transaction, so that it never fails a login; a lost write (two first logins racing to insert the row)
 * only leaves the older time.
 *
 * <p>LIMITS: at most {@value #MAX_REMEMBERED} (account, protocol) pairs remembered; beyond, the memory is cleared
 * and the next login of each writes again.
 */
@ApplicationScoped
public class LoginRecords {

    static final long RESOLUTION_MILLIS = 5 * 60_000;
    static final int MAX_REMEMBERED = 100_000;
    private static final Logger LOG = Logger.getLogger(LoginRecords.class.getName());

    private final Map<String, Long> lastWritten = new ConcurrentHashMap<>();

    @Inject
    private DirectoryService directory;

    public void loggedIn(long accountId, String protocol) {
        String key = accountId + "/" + protocol;
        long now = System.currentTimeMillis();
        Long last = lastWritten.get(key);
        if (last != null && now - last < RESOLUTION_MILLIS) {
            return;
        }
        if (lastWritten.size() >= MAX_REMEMBERED) {
            lastWritten.clear();
        }
        lastWritten.put(key, now);
        try {
            directory.recordLogin(accountId, protocol);
        } catch (RuntimeException e) {
            // the time of a login is information for administrators, never a reason to refuse the login
            LOG.log(Level.FINE, "login time of account " + accountId + " over " + protocol + " not written", e);
        }
    }
}
