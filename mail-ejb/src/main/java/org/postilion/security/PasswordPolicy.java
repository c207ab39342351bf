package org.postilion.security;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be, for mail users and administrators alike, as NIST SP 800-63B section 5.1.1.2 asks
 * of memorized secrets: long enough, not the name it protects, not one that guessers try first. No rules of
 * composition (digits, capitals): they make passwords harder to remember, not to guess.
 *
 * <p>Refused: fewer characters than the minimum or more than {@value #MAX_LENGTH}; the account's own name
 * (its address, local part or domain); one character repeated; a run of consecutive digits or letters
 * ({@code 12345678}, {@code abcdefgh}); and the bundled list of common passwords and base words
 * ({@code common-passwords.txt}), compared in lower case after undoing the usual letter substitutions
 * ({@code P@ssw0rd} is {@code password}) and, for base words, after removing a trailing run of digits and
 * symbols ({@code Summer2024!} is {@code summer}).
 *
 * <p>LIMITS: at least {@code postilion.password.min-length} characters (8), at most 1024.
 */
@ApplicationScoped
public class PasswordPolicy {

    public static final int DEFAULT_MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;

    private final int minLength;
    private final Set<String> common;

    public PasswordPolicy() {
        this(Integer.getInteger("postilion.password.min-length", DEFAULT_MIN_LENGTH));
    }

    public PasswordPolicy(int minLength) {
        if (minLength < 1 || minLength > MAX_LENGTH) {
            throw new IllegalArgumentException("postilion.password.min-length out of range: " + minLength);
        }
        this.minLength = minLength;
        this.common = load();
    }

    public int minLength() {
        return minLength;
    }

    /**
     * Why the password may not be used for the named account, or empty when it may.
     *
     * @param password the new password, in clear
     * @param owner    the account it is for: a mail address or an administrator's name; may be null
     */
    public Optional<String> problem(String password, String owner) {
        if (password == null) {
            return Optional.of("a password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength || length > MAX_LENGTH) {
            return Optional.of("a password has " + minLength + " to " + MAX_LENGTH + " characters");
        }
        String lower = password.strip().toLowerCase(Locale.ROOT);
        if (owner != null && namesOwner(lower, owner.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("a password must not be the account's own name");
        }
        if (lower.codePoints().distinct().count() == 1) {
            return Optional.of("a password must not be one character repeated");
        }
        if (isRun(lower)) {
            return Optional.of("a password must not be a run of consecutive characters");
        }
        String base = stripTail(lower);
        if (common.contains(lower) || common.contains(unsubstitute(lower)) || common.contains(base)
                || common.contains(unsubstitute(base))) {
            return Optional.of("this password is among the first ones guessers try; choose another");
        }
        return Optional.empty();
    }

    private static boolean namesOwner(String password, String owner) {
        if (owner.isEmpty()) {
            return false;
        }
        if (password.equals(owner) || stripTail(password).equals(owner)) {
            return true;
        }
        int at = owner.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String local = owner.substring(0, at);
        String domain = owner.substring(at + 1);
        String base = stripTail(password);
        return password.equals(local) || base.equals(local) || password.equals(domain) || base.equals(domain);
    }

    /** Every character the next (or the previous) of the one before: 12345678, 87654321, abcdefgh. */
    private static boolean isRun(String s) {
        if (s.length() < 3) {
            return false;
        }
        int step = s.charAt(1) - s.charAt(0);
        if (step != 1 && step != -1) {
            return false;
        }
        for (int i = 2; i < s.length(); i++) {
            if (s.charAt(i) - s.charAt(i - 1) != step) {
                return false;
            }
        }
        return true;
    }

    /** Undoes the substitutions guessers try anyway. */
    static String unsubstitute(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(switch (c) {
                case '0' -> 'o';
                case '1', '!' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        return b.toString();
    }

    /** Without a trailing run of digits and symbols (what people append to a word); the whole when nothing is left. */
    static String stripTail(String s) {
        int end = s.length();
        while (end > 0 && !Character.isLetter(s.charAt(end - 1))) {
            end--;
        }
        return end == 0 ? s : s.substring(0, end);
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String w = line.strip().toLowerCase(Locale.ROOT);
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
