package org.postilion.operations;

import jakarta.enterprise.context.ApplicationScoped;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * How many messages wait on each mail queue, read from the embedded broker's JMX beans
 * ({@code config/configure-observability.cli} turns them on): the queues whose names contain {@code mail.}. A count
 * is a gauge read, not a browse, so it costs the same for ten messages and for a million.
 */
@ApplicationScoped
public class QueueDepths {

    private static final String QUEUES = "org.apache.activemq.artemis:component=addresses,subcomponent=queues,*";

    /** Messages on each mail queue, by queue name ({@code mail.inbound}, ...); empty when JMX is not available. */
    public Map<String, Long> depths() {
        Map<String, Long> depths = new TreeMap<>();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (ObjectName name : server.queryNames(new ObjectName(QUEUES), null)) {
                String queue = shortName(ObjectName.unquote(name.getKeyProperty("queue")));
                if (queue.startsWith("mail.")) {
                    depths.put(queue, ((Number) server.getAttribute(name, "MessageCount")).longValue());
                }
            }
        } catch (JMException | RuntimeException e) {
            return Map.of();
        }
        return depths;
    }

    /** One queue's depth, if the broker reports it. */
    public OptionalLong depth(String queue) {
        Long d = depths().get(queue);
        return d == null ? OptionalLong.empty() : OptionalLong.of(d);
    }

    /** {@code jms.queue.mail.inbound} (WildFly's JMS prefix) as {@code mail.inbound}. */
    static String shortName(String queue) {
        return queue.startsWith("jms.queue.") ? queue.substring("jms.queue.".length()) : queue;
    }
}
