package org.postilion.connector.sasl;

import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.ScramCredentials;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A credential source in memory: users with passwords and with SCRAM keys, names compared case-insensitively and
 * answered in lower case, as the directory does. It records every question, and can be told to answer every
 * question some other way (try later, fail, answer later).
 */
final class FakeSaslCredentials implements SaslCredentials {

    /** The questions asked, as {@code verifyPassword <user> <password>} or {@code scramCredentials <user>}. */
    final List<String> questions = new CopyOnWriteArrayList<>();

    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, ScramCredentials> scram = new HashMap<>();
    private Supplier<CompletionStage<AuthVerdict>> override;

    FakeSaslCredentials withPassword(String user, String password) {
        passwords.put(user.toLowerCase(Locale.ROOT), password);
        return this;
    }

    FakeSaslCredentials withScram(String user, ScramCredentials credentials) {
        scram.put(user.toLowerCase(Locale.ROOT), credentials);
        return this;
    }

    /** Answers every question with what {@code answer} gives, instead of looking the user up. */
    FakeSaslCredentials answering(Supplier<CompletionStage<AuthVerdict>> answer) {
        this.override = answer;
        return this;
    }

    FakeSaslCredentials answering(AuthVerdict verdict) {
        return answering(() -> CompletableFuture.completedFuture(verdict));
    }

    FakeSaslCredentials tryingLater() {
        return answering(new AuthVerdict.TryLater("directory down"));
    }

    FakeSaslCredentials failing() {
        return answering(() -> CompletableFuture.failedFuture(new IllegalStateException("EJB call failed")));
    }

    @Override
    public CompletionStage<AuthVerdict> verifyPassword(String user, String password) {
        questions.add("verifyPassword " + user + " " + password);
        if (override != null) {
            return override.get();
        }
        String key = user.toLowerCase(Locale.ROOT);
        AuthVerdict verdict = password.equals(passwords.get(key)) ? new AuthVerdict.Authenticated(key)
                : AuthVerdict.DENIED;
        return CompletableFuture.completedFuture(verdict);
    }

    @Override
    public CompletionStage<AuthVerdict> scramCredentials(String user) {
        questions.add("scramCredentials " + user);
        if (override != null) {
            return override.get();
        }
        String key = user.toLowerCase(Locale.ROOT);
        ScramCredentials credentials = scram.get(key);
        AuthVerdict verdict = credentials == null ? AuthVerdict.DENIED : new AuthVerdict.Scram(key, credentials);
        return CompletableFuture.completedFuture(verdict);
    }
}
