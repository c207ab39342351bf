package org.postilion.outbound;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** One event in a message's trace: queued for relay, an attempt's outcome per recipient, a bounce sent. */
@Entity
@Table(name = "delivery_event")
public class DeliveryEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "delivery_event_seq")
    @SequenceGenerator(name = "delivery_event_seq", sequenceName = "delivery_event_seq", allocationSize = 50)
    private Long id;

    @Column(name = "queue_id", nullable = false, length = 32)
    private String queueId;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false, length = 16)
    private String event;

    @Column(length = 320)
    private String recipient;

    @Column(name = "remote_host", length = 253)
    private String remoteHost;

    @Column(name = "remote_ip", length = 64)
    private String remoteIp;

    @Column(length = 128)
    private String tls;

    @Column(length = 1000)
    private String detail;

    protected DeliveryEvent() {
    }

    DeliveryEvent(String queueId, Instant at, String event, String recipient, String remoteHost, String remoteIp,
                  String tls, String detail) {
        this.queueId = queueId;
        this.at = at;
        this.event = event;
        this.recipient = OutboundRecipient.cut(recipient, 320);
        this.remoteHost = OutboundRecipient.cut(remoteHost, 253);
        this.remoteIp = OutboundRecipient.cut(remoteIp, 64);
        this.tls = OutboundRecipient.cut(tls, 128);
        this.detail = OutboundRecipient.cut(detail, 1000);
    }

    public String queueId() {
        return queueId;
    }

    public Instant at() {
        return at;
    }

    public String event() {
        return event;
    }

    public String recipient() {
        return recipient;
    }

    public String remoteHost() {
        return remoteHost;
    }

    public String remoteIp() {
        return remoteIp;
    }

    public String tls() {
        return tls;
    }

    public String detail() {
        return detail;
    }
}
