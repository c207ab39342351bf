/**
 * SASL on the server side (RFC 4422), free of sockets and of any one protocol: the mechanisms SCRAM-SHA-256,
 * PLAIN and LOGIN, which SMTP AUTH (RFC 4954), IMAP AUTHENTICATE (RFC 9051) and POP3 AUTH (RFC 5034) drive.
 *
 * <p>{@link org.postilion.connector.sasl.SaslMechanisms} lists the mechanisms and starts an exchange;
 * {@link org.postilion.connector.sasl.SaslMechanism#respond} takes each decoded client response and answers a
 * {@link org.postilion.connector.sasl.SaslStep}; the mechanisms check what the client claims through
 * {@link org.postilion.connector.sasl.SaslCredentials}, asynchronously. Base64, the {@code *} that cancels, line
 * lengths and replies are the protocol's. For SMTP:
 * <ul>
 *   <li>{@code AUTH name}: no initial response, {@code respond(null)}; {@code AUTH name =}: {@code respond(new
 *       byte[0])}; {@code AUTH name b64}: {@code respond(decoded)}</li>
 *   <li>{@code Challenge} → {@code 334 <base64 of data>} and the next line goes to {@code respond}</li>
 *   <li>{@code Success} → {@code 235 2.7.0}; the exchange is over</li>
 *   <li>{@code Failure}: {@code MALFORMED} → {@code 501 5.5.2}, {@code CREDENTIALS} → {@code 535 5.7.8},
 *       {@code TEMPORARY} → {@code 454 4.7.0}, {@code UNSUPPORTED} → {@code 504 5.5.4}; the exchange is over</li>
 * </ul>
 * SCRAM-SHA-256 takes one more round than it would with data on the success: its {@code v=} is a challenge and
 * the client's empty answer gets the {@code 235}.
 *
 * <p>STANDARDS: RFC 4422 (SASL), RFC 4616 (PLAIN), draft-murchison-sasl-login-00 (LOGIN), RFC 5802 and
 * RFC 7677 (SCRAM-SHA-256, without channel binding), RFC 4013 (SASLprep, with the deviations
 * {@link org.postilion.connector.sasl.SaslPrep} lists).
 *
 * <p>SECURITY: every response is bounded before it is decoded, must be well-formed UTF-8, and is parsed to the
 * letter of its grammar; no input makes a mechanism throw. Failures never tell a wrong password from an unknown
 * user, and SCRAM answers an unknown user with decoy keys. A failing credential source is a temporary failure,
 * never a wrong password. PLAIN and LOGIN carry the password itself: the protocol offers them only over TLS.
 * Proxy authorization (an authzid other than the user) is refused.
 *
 * <p>LIMITS (fixed):
 * <ul>
 *   <li>client response: 4096 octets decoded ({@link org.postilion.connector.sasl.SaslMechanisms#MAX_RESPONSE_OCTETS}),
 *       5464 in base64; the protocol must read lines that long (RFC 4954 section 4 allows 12288)</li>
 *   <li>user name: 255 characters; password: 1024 characters, both after SASLprep</li>
 *   <li>SCRAM decoy keys: salt 16 octets, 4096 iterations</li>
 * </ul>
 */
package org.postilion.connector.sasl;
