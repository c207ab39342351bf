/**
 * Credentials. A password is never stored, in clear or with a fast hash: what is kept is its SCRAM-SHA-256
 * credential (RFC 5802, RFC 7677), derived with PBKDF2-HMAC-SHA-256 (Elytron's {@code PasswordFactory}):
 * the salt, the iteration count, StoredKey and ServerKey. The same record verifies a PLAIN or LOGIN password
 * (the server derives StoredKey again and compares) and serves SCRAM exchanges, in which the client does the
 * slow work; a stolen database gives neither the password nor a way to log in with SCRAM.
 *
 * <p>LIMITS: 210000 PBKDF2 iterations for new credentials (system property
 * {@code postilion.password.iterations}, at least 4096 as RFC 7677 asks); 16-octet random salt;
 * new passwords as {@link org.postilion.security.PasswordPolicy} says (at least
 * {@code postilion.password.min-length} (8) and at most 1024 characters, not the account's name, not a common
 * password). A password that matched its credential is recognised again without the
 * KDF for {@code postilion.auth.cache-seconds} (300; 0: never), as an HMAC under a per-process random key
 * ({@link org.postilion.security.VerifiedLogins}); wrong passwords always pay the full cost.
 */
package org.postilion.security;
