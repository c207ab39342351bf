/**
 * The SMTP server side (RFC 5321), independent of sockets: the session and its state, typed replies, the
 * framing of command lines and message data, and the handlers of {@code command/}, one per verb.
 *
 * <p>The path of one message: {@link org.postilion.connector.smtp.SmtpChannelHandler} reads bytes,
 * {@link org.postilion.connector.smtp.CommandLineDecoder} cuts command lines, the handler of each verb checks
 * syntax, asks policy through {@link org.postilion.connector.smtp.SmtpBackend} and only then changes the
 * session; after {@code DATA}, {@link org.postilion.connector.smtp.DataDecoder} removes the dot-stuffing and
 * finds the end of the data, and the message goes to the backend's intake. {@code 250} is written only after
 * the intake said the message is durable.
 *
 * <p>STANDARDS: RFC 5321 (SMTP), RFC 1870 (SIZE), RFC 2920 (PIPELINING), RFC 6152 (8BITMIME), RFC 2034 and
 * RFC 3463 (enhanced status codes), RFC 3848 (transmission types in {@code Received:}).
 *
 * <p>SECURITY: every input is bounded before it is buffered. The message data ends only at
 * {@code <CR><LF>.<CR><LF>}; a bare {@code <LF>} or {@code <CR>} never ends a line (RFC 5321 sections 2.3.8
 * and 4.1.1.4), and a message containing one is refused, so that no other server can read a different end of
 * data into it (SMTP smuggling). Replies never reveal whether a user exists beyond what RCPT must say.
 *
 * <p>LIMITS (see {@link org.postilion.connector.smtp.SmtpSettings}, Postfix's names in brackets):
 * <ul>
 *   <li>command line length: 2048 octets [line_length_limit]; longer lines get {@code 500 5.5.2}</li>
 *   <li>message size: 10240000 octets [message_size_limit]; larger messages get {@code 552 5.3.4}</li>
 *   <li>recipients per message: 1000 [smtpd_recipient_limit]; more get {@code 452 4.5.3}</li>
 *   <li>idle time: 300 s [smtpd_timeout]; then {@code 421 4.4.2} and the connection is closed</li>
 *   <li>errors per session: 20 [smtpd_hard_error_limit]; then {@code 421 4.7.0} and the connection is closed</li>
 * </ul>
 */
package org.postilion.connector.smtp;
