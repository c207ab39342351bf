package org.postilion.outbound;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A message on its way to remote recipients: a row of the product's {@code mailq}. */
@Entity
@Table(name = "outbound_message")
public class OutboundMessage {

    /** Where the message stands as a whole. */
    public enum State {
        /** An attempt is due or running. */
        ACTIVE,
        /** Waiting for its next attempt. */
        DEFERRED,
        /** Stopped by an administrator: no attempt until released. */
        HELD,
        /** Every recipient delivered, bounced or deleted. */
        DONE
    }

    @Id
    @Column(name = "queue_id", length = 32)
    private String queueId;

    @Column(nullable = false, length = 320)
    private String sender;

    /** The sender's domain, for the queue's filters ("" for the null sender). */
    @Column(name = "sender_domain", nullable = false, length = 253)
    private String senderDomain;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(nullable = false)
    private int attempts;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "delay_warned", nullable = false)
    private boolean delayWarned;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @OneToMany(mappedBy = "message", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<OutboundRecipient> recipients = new ArrayList<>();

    protected OutboundMessage() {
    }

    OutboundMessage(String queueId, String sender, long sizeBytes, Instant receivedAt, Instant now) {
        this.queueId = queueId;
        this.sender = sender;
        this.senderDomain = sender.substring(sender.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
        this.sizeBytes = sizeBytes;
        this.receivedAt = receivedAt;
        this.state = State.ACTIVE;
        this.updatedAt = now;
    }

    public String queueId() {
        return queueId;
    }

    public String sender() {
        return sender;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public int attempts() {
        return attempts;
    }

    public State state() {
        return state;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public boolean delayWarned() {
        return delayWarned;
    }

    public List<OutboundRecipient> recipients() {
        return recipients;
    }

    void add(OutboundRecipient r) {
        recipients.add(r);
    }

    void attempted(int attempt, Instant now) {
        attempts = Math.max(attempts, attempt);
        updatedAt = now;
    }

    void settle(Instant next, Instant now) {
        boolean open = recipients.stream().anyMatch(r -> !r.status().isFinal());
        state = !open ? State.DONE : state == State.HELD ? State.HELD : next == null ? State.ACTIVE : State.DEFERRED;
        nextAttemptAt = open ? next : null;
        updatedAt = now;
    }

    void hold(Instant now) {
        state = State.HELD;
        updatedAt = now;
    }

    void release(Instant now) {
        state = State.DEFERRED;
        updatedAt = now;
    }

    void warnedOfDelay() {
        delayWarned = true;
    }
}
