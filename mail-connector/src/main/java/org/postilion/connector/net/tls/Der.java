package org.postilion.connector.net.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough DER (ITU-T X.690) to look inside private keys: read one element, list the elements of a
 * constructed one, write one. Definite lengths only, as DER requires; anything else is refused.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;
    /** {@code [0]} constructed, as in SEC 1 {@code ECPrivateKey.parameters}. */
    static final int CONTEXT_0 = 0xa0;

    private Der() {
    }

    /** One element: its tag and where its contents are in {@code source}. */
    record Element(int tag, byte[] source, int contentOffset, int contentLength) {

        byte[] contents() {
            byte[] b = new byte[contentLength];
            System.arraycopy(source, contentOffset, b, 0, contentLength);
            return b;
        }

        int end() {
            return contentOffset + contentLength;
        }

        /** The elements inside a constructed element (a SEQUENCE, a {@code [n]}). */
        List<Element> children() {
            List<Element> children = new ArrayList<>();
            for (int at = contentOffset; at < end(); ) {
                Element child = read(source, at, end());
                children.add(child);
                at = child.end();
            }
            return children;
        }
    }

    /** The whole of {@code der}, which must be exactly one element. */
    static Element parse(byte[] der) {
        Element e = read(der, 0, der.length);
        if (e.end() != der.length) {
            throw new IllegalArgumentException("trailing bytes after the DER element");
        }
        return e;
    }

    static Element read(byte[] der, int offset, int limit) {
        if (limit - offset < 2) {
            throw new IllegalArgumentException("truncated DER element");
        }
        int tag = der[offset] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new IllegalArgumentException("multi-byte DER tags are not used in keys");
        }
        int first = der[offset + 1] & 0xff;
        int at = offset + 2;
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int octets = first & 0x7f;
            if (octets == 0 || octets > 3 || limit - at < octets) {
                throw new IllegalArgumentException("bad DER length");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[at++] & 0xff);
            }
        }
        if (length > limit - at) {
            throw new IllegalArgumentException("truncated DER element");
        }
        return new Element(tag, der, at, length);
    }

    /** An element with the given tag around the concatenated contents. */
    static byte[] encode(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] c : contents) {
            body.writeBytes(c);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 6);
        out.write(tag);
        int n = body.size();
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** Dotted form of an OBJECT IDENTIFIER's contents, for messages. */
    static String oid(byte[] contents) {
        StringBuilder b = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (byte octet : contents) {
            value = (value << 7) | (octet & 0x7f);
            if ((octet & 0x80) == 0) {
                if (first) {
                    long arc0 = Math.min(value / 40, 2);
                    b.append(arc0).append('.').append(value - 40 * arc0);
                    first = false;
                } else {
                    b.append('.').append(value);
                }
                value = 0;
            }
        }
        return b.toString();
    }
}
