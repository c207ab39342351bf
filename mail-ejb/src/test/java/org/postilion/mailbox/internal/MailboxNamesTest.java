package org.postilion.mailbox.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.connector.spi.imap.MailboxException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MailboxNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"INBOX", "Sent", "Archive/2026", "a/b/c", "Ünïcode ✉", "with space", "x"})
    void acceptsOrdinaryNames(String name) throws MailboxException {
        assertEquals(name, MailboxNames.validate(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/a", "a/", "a//b", "a%", "b*", "tab\there", "nul\u0000", "del\u007f"})
    void refusesNamesThatCannotBeListedOrHaveEmptyLevels(String name) {
        MailboxException e = assertThrows(MailboxException.class, () -> MailboxNames.validate(name));
        assertEquals(MailboxException.Code.CANNOT, e.code());
    }

    @Test
    void refusesOverlongAndOverDeepNames() {
        assertThrows(MailboxException.class, () -> MailboxNames.validate("n".repeat(JpaImapStore.MAX_NAME + 1)));
        assertThrows(MailboxException.class, () -> MailboxNames.validate("a/".repeat(JpaImapStore.MAX_DEPTH) + "a"));
    }

    @Test
    void parentsTopFirst() {
        assertEquals(List.of("a", "a/b"), MailboxNames.parents("a/b/c"));
        assertEquals(List.of(), MailboxNames.parents("INBOX"));
    }
}
