package org.postilion.mailbox.structure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Content-Type, Content-Disposition and Content-Language values, parsed as BODYSTRUCTURE shows them.
 *
 * <p>STANDARDS: RFC 2045 section 5.1 (Content-Type), RFC 2183 (Content-Disposition), RFC 2231 (parameter value
 * continuations and charsets), RFC 3282 (Content-Language).
 *
 * <p>Case is kept as written, of the type, subtype, parameter names and values, as Dovecot keeps it: a client
 * compares them without regard to case (RFC 2045), and the original is what the sender meant.
 *
 * <p>RFC 2231: continuations ({@code name*0}, {@code name*1}, ...) are joined into one parameter; when one of them
 * is charset-encoded ({@code name*0*=utf-8''%C3%A9}) the result is {@code name*} with the encoded value, not
 * decoded, exactly as Dovecot 2.3 answers. Decoding would need a charset table for every charset a sender may
 * name, and a client that asks BODYSTRUCTURE decodes RFC 2231 itself (Thunderbird, Apple Mail, mutt do). Plain
 * parameters come first in the order written, the RFC 2231 ones after them.
 */
final class MimeParameters {

    /** One parameter: name and value as written (after RFC 2231 joining). */
    record Parameter(String name, String value) {
    }

    /** A parsed {@code type/subtype; parameters}: {@code subtype} is "" when the value has no slash. */
    record ContentType(String type, String subtype, List<Parameter> parameters) {

        boolean is(String type, String subtype) {
            return this.type.equalsIgnoreCase(type) && this.subtype.equalsIgnoreCase(subtype);
        }

        boolean isType(String type) {
            return this.type.equalsIgnoreCase(type);
        }

        /** The value of the first parameter of this name (in any case), or null. */
        String parameter(String name) {
            for (Parameter p : parameters) {
                if (p.name().equalsIgnoreCase(name)) {
                    return p.value();
                }
            }
            return null;
        }

        /** {@code type/subtype} in lower case. */
        String mediaType() {
            return (type + "/" + subtype).toLowerCase(Locale.ROOT);
        }
    }

    /** A parsed disposition: its type as written and its parameters. */
    record Disposition(String type, List<Parameter> parameters) {
    }

    /** The most parameters kept of one field: a hostile field could otherwise list thousands. */
    static final int PARAMETER_LIMIT = 256;

    private MimeParameters() {
    }

    /**
     * Parses a Content-Type value, null for none. A broken value is kept as far as Dovecot keeps it, without
     * parameters: {@code text} alone is type {@code text} with subtype "", anything else broken is "" and "", so
     * that BODYSTRUCTURE shows what the header said rather than a made-up text/plain.
     */
    static ContentType contentType(String value) {
        if (value == null) {
            return null;
        }
        Rfc822Lexer lexer = new Rfc822Lexer(value);
        lexer.skipCfws();
        String type = lexer.token();
        if (type.isEmpty()) {
            return BROKEN;
        }
        lexer.skipCfws();
        if (lexer.atEnd()) {
            return new ContentType(type, "", List.of());
        }
        if (lexer.peek() != '/') {
            return BROKEN;
        }
        lexer.skip();
        lexer.skipCfws();
        String subtype = lexer.token();
        lexer.skipCfws();
        if (subtype.isEmpty() || (!lexer.atEnd() && lexer.peek() != ';')) {
            return BROKEN;
        }
        return new ContentType(type, subtype, parameters(lexer));
    }

    private static final ContentType BROKEN = new ContentType("", "", List.of());

    /** Parses a Content-Disposition value (its type may be "", as Dovecot shows it); null for no value. */
    static Disposition disposition(String value) {
        if (value == null) {
            return null;
        }
        Rfc822Lexer lexer = new Rfc822Lexer(value);
        lexer.skipCfws();
        return new Disposition(lexer.token(), parameters(lexer));
    }

    /** The language tags of a Content-Language value, in order; empty when there is none. */
    static List<String> languages(String value) {
        List<String> tags = new ArrayList<>();
        if (value == null) {
            return tags;
        }
        Rfc822Lexer lexer = new Rfc822Lexer(value);
        while (tags.size() < PARAMETER_LIMIT) {
            lexer.skipCfws();
            String tag = lexer.atom(false);
            if (tag.isEmpty()) {
                break;
            }
            tags.add(tag);
            lexer.skipCfws();
            if (lexer.peek() != ',') {
                break;
            }
            lexer.skip();
        }
        return tags;
    }

    /**
     * The {@code ; name=value} list after a type, RFC 2231 continuations joined. Garbage is skipped a character
     * at a time up to the next semicolon, quotes or not, as Dovecot does; a value that starts with {@code =} runs
     * to the next semicolon or white space (Dovecot's allowance for unquoted encoded-words, {@code name==?utf-8?...}).
     */
    private static List<Parameter> parameters(Rfc822Lexer lexer) {
        List<Parameter> plain = new ArrayList<>();
        Map<String, List<Section>> extended = new LinkedHashMap<>();
        int count = 0;
        while (count < PARAMETER_LIMIT) {
            lexer.skipCfws();
            if (lexer.atEnd()) {
                break;
            }
            if (lexer.peek() != ';') {
                lexer.skip();
                continue;
            }
            lexer.skip();
            lexer.skipCfws();
            String name = lexer.token();
            lexer.skipCfws();
            if (lexer.peek() != '=') {
                // the character that stopped the parameter goes too, a semicolon included: Dovecot's recovery
                lexer.skip();
                continue;
            }
            lexer.skip();
            lexer.skipCfws();
            String value;
            if (lexer.peek() == '"') {
                value = lexer.quoted();
                if (value == null) {
                    // unterminated: Dovecot drops the parameter, and with it a boundary
                    continue;
                }
            } else if (lexer.peek() == '=') {
                value = lexer.runTo("; \t\r\n");
            } else {
                // possibly "": Dovecot keeps a=)b and a final a= as a=""
                value = lexer.token();
            }
            count++;
            int star = name.indexOf('*');
            if (star < 0) {
                plain.add(new Parameter(name, value));
                continue;
            }
            String base = name.substring(0, star);
            String rest = name.substring(star + 1);
            boolean encoded = rest.endsWith("*");
            String index = encoded ? rest.substring(0, rest.length() - 1) : rest;
            int n;
            if (index.isEmpty()) {
                n = 0;
                encoded = true;
            } else if (index.length() <= 4 && index.chars().allMatch(c -> c >= '0' && c <= '9')) {
                n = Integer.parseInt(index);
            } else {
                plain.add(new Parameter(name, value));
                continue;
            }
            extended.computeIfAbsent(base.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(new Section(base, n, encoded, value));
        }
        List<Parameter> result = new ArrayList<>(plain);
        for (List<Section> sections : extended.values()) {
            sections.sort((a, b) -> Integer.compare(a.index, b.index));
            if (!continuous(sections)) {
                // repeated or missing sections: Dovecot lists them unjoined, each as name*n or name*n*
                for (Section section : sections) {
                    result.add(new Parameter(section.base + "*" + section.index + (section.encoded ? "*" : ""),
                            section.value));
                }
                continue;
            }
            boolean anyEncoded = sections.stream().anyMatch(s -> s.encoded);
            StringBuilder joined = new StringBuilder();
            for (Section s : sections) {
                joined.append(anyEncoded && !s.encoded ? percentEncode(s.value) : s.value);
            }
            result.add(new Parameter(sections.get(0).base + (anyEncoded ? "*" : ""), joined.toString()));
        }
        return result;
    }

    /** One RFC 2231 section; an unnumbered {@code name*} is section 0, encoded. */
    private record Section(String base, int index, boolean encoded, String value) {
    }

    /** Whether sorted sections are numbered 0, 1, 2, ... without gap or repeat. */
    private static boolean continuous(List<Section> sections) {
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).index != i) {
                return false;
            }
        }
        return true;
    }

    /** Encodes a plain section joined to encoded ones, so that the joined value decodes back to it. */
    private static String percentEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= ' ' || c >= 0x7f || c == '%' || c == '\'' || c == '*') {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
