package org.postilion.outbound;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** One remote recipient of an {@link OutboundMessage}, with what became of it so far. */
@Entity
@Table(name = "outbound_recipient")
public class OutboundRecipient {

    /** A recipient's state. */
    public enum Status {
        /** Not tried yet. */
        PENDING,
        /** Failed temporarily; tried again later. */
        DEFERRED,
        /** A remote server took it (2xx after DATA). */
        DELIVERED,
        /** Failed for good; a bounce goes to the sender. */
        BOUNCED,
        /** Removed from the queue by an administrator, without a notice. */
        DELETED;

        public boolean isFinal() {
            return this == DELIVERED || this == BOUNCED || this == DELETED;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbound_recipient_seq")
    @SequenceGenerator(name = "outbound_recipient_seq", sequenceName = "outbound_recipient_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "queue_id")
    private OutboundMessage message;

    @Column(nullable = false, length = 320)
    private String address;

    @Column(name = "domain_name", nullable = false, length = 253)
    private String domain;

    @Column(name = "dsn_notify", nullable = false, length = 64)
    private String dsnNotify;

    @Column(nullable = false, length = 400)
    private String orcpt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(name = "dsn_status", length = 16)
    private String dsnStatus;

    @Column(name = "last_reply", length = 1000)
    private String lastReply;

    @Column(name = "remote_host", length = 253)
    private String remoteHost;

    @Column(name = "remote_ip", length = 64)
    private String remoteIp;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "dsn_sent", nullable = false)
    private boolean dsnSent;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected OutboundRecipient() {
    }

    OutboundRecipient(OutboundMessage message, String address, String dsnNotify, String orcpt, Instant now) {
        this.message = message;
        this.address = address;
        this.domain = address.substring(address.lastIndexOf('@') + 1);
        this.dsnNotify = dsnNotify;
        this.orcpt = orcpt;
        this.status = Status.PENDING;
        this.updatedAt = now;
    }

    public String address() {
        return address;
    }

    public String domain() {
        return domain;
    }

    public String dsnNotify() {
        return dsnNotify;
    }

    public String orcpt() {
        return orcpt;
    }

    public Status status() {
        return status;
    }

    public String dsnStatus() {
        return dsnStatus;
    }

    public String lastReply() {
        return lastReply;
    }

    public String remoteHost() {
        return remoteHost;
    }

    public String remoteIp() {
        return remoteIp;
    }

    public int attempts() {
        return attempts;
    }

    public boolean dsnSent() {
        return dsnSent;
    }

    void record(RecipientOutcome outcome, Instant now) {
        status = outcome.status();
        dsnStatus = outcome.dsnStatus();
        lastReply = cut(outcome.reply(), 1000);
        remoteHost = cut(outcome.remoteHost(), 253);
        remoteIp = cut(outcome.remoteIp(), 64);
        attempts++;
        updatedAt = now;
    }

    /** An administrator ended this recipient's delivery: bounced (a notice follows) or deleted (none). */
    void endedByAdministrator(boolean bounce, String admin, Instant now) {
        status = bounce ? Status.BOUNCED : Status.DELETED;
        dsnStatus = "5.0.0";
        lastReply = "removed from the queue by " + admin + (bounce ? "" : " (no notice)");
        dsnSent = !bounce;
        updatedAt = now;
    }

    void bounceSent(Instant now) {
        dsnSent = true;
        updatedAt = now;
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
