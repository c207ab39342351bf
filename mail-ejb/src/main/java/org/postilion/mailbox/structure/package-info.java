/**
 * Parsing a message once, at delivery and APPEND, into what IMAP FETCH serves without reading it again:
 * ENVELOPE, BODYSTRUCTURE, BODY, the header's size and the offsets of every MIME part
 * ({@link org.postilion.mailbox.structure.MessageStructure}, the only public class).
 *
 * <p>A pure library: no container, no database, no state; tested on bytes. Dovecot's {@code lib-mail} and
 * {@code lib-imap} are the reference for every string it produces (clients are tuned against Dovecot), the
 * RFCs for everything Dovecot leaves open.
 *
 * <p>The path of a message through it: {@code MimeScanner} reads the octets once and builds the part tree with
 * offsets, {@code HeaderFields} keeps the few header fields that matter, {@code MimeParameters} and
 * {@code AddressParser} parse them, {@code EnvelopeWriter} and {@code BodyStructureWriter} write the IMAP
 * strings, {@code ImapQuoting} quotes them as Dovecot does.
 *
 * <p>SECURITY: the input is whatever a remote sender or an IMAP client chose. Nothing here throws on malformed
 * input, recurses on the input's nesting beyond a fixed limit, or keeps more than a bounded amount of it.
 *
 * <p>STANDARDS: RFC 9051 and RFC 3501 (FETCH ENVELOPE, BODYSTRUCTURE, BODY, section numbers), RFC 5322
 * (header fields, addresses), RFC 2045, 2046, 2183, 2231, 3282 (MIME), RFC 6532 (UTF-8 headers).
 *
 * <p>LIMITS: nesting 100 levels, 10 000 parts, boundaries of 998 octets, 65 536 octets kept per header field and
 * 1 MiB per message, 1 000 addresses per address field, 256 parameters per field. Beyond them the message is still
 * described, the excess as opaque data.
 *
 * <p>Compatibility, measured against Dovecot 2.3.19's FETCH answers: for the 800 messages of
 * {@code bench/gen-mbox.py} (seeds 7 and 99), 62 hand-made edge cases, 600 token-level and 400 line-level random
 * mutations of them, ENVELOPE, BODY and BODYSTRUCTURE are the same bytes except where we differ on purpose (stored
 * sizes of bare-LF text, message/global as a message, U+FFFD for invalid UTF-8) and in two corners of broken
 * fields (a Date of white space only, an address list behind an unterminated comment). BODY[n], BODY[n.MIME],
 * BODY[n.HEADER] and BODY[n.TEXT] sliced at our offsets are Dovecot's answers too (11 000 fetches), but for the
 * n.TEXT of an enclosed message that a boundary ends with an empty body (see {@code MimeScanner}). The tests
 * {@code DovecotCompatibilityTest} and {@code DovecotMalformedInputTest} keep 39 of those answers.
 */
package org.postilion.mailbox.structure;
