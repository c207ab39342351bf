package org.postilion.mailbox.internal;

import org.postilion.mailbox.StoredStructure;
import org.postilion.mailbox.structure.MessageStructure;

/** Parses a message once, at delivery or APPEND, into what the store keeps of it. */
final class Structures {

    private Structures() {
    }

    static StoredStructure parse(byte[] content) {
        MessageStructure s = MessageStructure.parse(content);
        return new StoredStructure(s.envelope(), s.bodyStructure(), s.body(), s.headerSize(),
                StoredStructure.encodeParts(s.parts()));
    }
}
