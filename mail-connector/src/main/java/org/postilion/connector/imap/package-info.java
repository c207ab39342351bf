/**
 * The IMAP server (RFC 9051 IMAP4rev2 and RFC 3501 IMAP4rev1), in James's pipeline of folders:
 * {@code decode/} (bytes to commands) → {@code request/} (typed arguments) → {@code process/} (one handler per
 * command, state allowed declared once) → {@code response/} and {@code encode/} (values and quoting) — with
 * the connection ({@link org.postilion.connector.imap.ImapChannelHandler}), the session
 * ({@link org.postilion.connector.imap.ImapSession}) and its view of the selected mailbox
 * ({@link org.postilion.connector.imap.SelectedMailbox}) here.
 *
 * <p>The store behind it is {@link org.postilion.connector.spi.imap.ImapStoreListener}, reached through
 * {@link org.postilion.connector.imap.ImapBackend} on other threads; every session's state is confined to its
 * event loop. Sequence numbers exist only in the session's view; the store speaks UIDs and MODSEQs.
 *
 * <p>SECURITY: passwords only over TLS (STARTTLS on 143, implicit on 993) or from loopback where allowed
 * ({@code LOGINDISABLED} otherwise); failed logins throttled per address and user with SMTP's
 * {@link org.postilion.connector.spi.AuthThrottle}; what a client sends after STARTTLS before the handshake is
 * discarded; every input limit bounds memory (see {@link org.postilion.connector.imap.ImapSettings}).
 *
 * <p>STANDARDS: RFC 9051, RFC 3501, RFC 2177 (IDLE), RFC 2342 (NAMESPACE), RFC 2971 (ID), RFC 3502
 * (MULTIAPPEND), RFC 3516 (BINARY), RFC 3691 (UNSELECT), RFC 4315 (UIDPLUS), RFC 4959 (SASL-IR), RFC 4978
 * (COMPRESS), RFC 5161 (ENABLE), RFC 5258 (LIST-EXTENDED), RFC 5530 (response codes), RFC 5819 (LIST-STATUS),
 * RFC 6154 (SPECIAL-USE), RFC 6851 (MOVE), RFC 6855 (UTF8=ACCEPT), RFC 7162 (CONDSTORE, QRESYNC), RFC 7888
 * (LITERAL+), RFC 7889 (APPENDLIMIT), RFC 8438 (STATUS=SIZE), RFC 9208 (QUOTA).
 *
 * <p>LIMITS: see {@link org.postilion.connector.imap.ImapSettings} (command line 64 KiB, literals 64 KiB
 * outside APPEND, APPEND 64 MiB, spooling beyond 1 MiB, nesting 16, 10000 arguments, 60 s before login,
 * 30 min after, IDLE poll 30 s).
 */
package org.postilion.connector.imap;
