package org.postilion.endpoint;

import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postilion.connector.spi.imap.MailboxSignals;
import org.postilion.mailbox.internal.MailboxChangeTopic;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The topic's consumer: notices from other nodes wake this node's sessions; this node's own notices are skipped,
 * because its sessions were signalled when the change committed.
 */
class MailboxChangeConsumerTest {

    private final List<Long> signalled = new ArrayList<>();

    @AfterEach
    void disconnect() {
        MailboxSignals.disconnect();
    }

    @Test
    void signalsTheMailboxesOfAnotherNodesNoticeAndSkipsItsOwn() {
        MailboxSignals.connect(signalled::add);
        MailboxChangeConsumer consumer = new MailboxChangeConsumer();

        consumer.onMessage(notice("7,12", "another-node"));
        assertEquals(List.of(7L, 12L), signalled);

        consumer.onMessage(notice("99", MailboxChangeTopic.THIS_NODE));
        assertEquals(List.of(7L, 12L), signalled, "this node's own notice");

        consumer.onMessage(notice("5", null));
        assertEquals(List.of(7L, 12L, 5L), signalled, "a notice without origin (an older node) is taken");

        consumer.onMessage(notice("", "another-node"));
        assertEquals(3, signalled.size(), "an empty notice is ignored");
    }

    private static TextMessage notice(String body, String origin) {
        return (TextMessage) Proxy.newProxyInstance(TextMessage.class.getClassLoader(),
                new Class<?>[] {TextMessage.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getText" -> body;
                    case "getStringProperty" -> MailboxChangeTopic.ORIGIN.equals(args[0]) ? origin : null;
                    case "toString" -> "notice " + body;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
