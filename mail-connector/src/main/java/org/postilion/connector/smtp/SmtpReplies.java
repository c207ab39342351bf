package org.postilion.connector.smtp;

/**
 * The replies Postilion gives, worded as Postfix words them where a client or an administrator may know them.
 * Replies that carry a variable part (a host name, a queue id, a limit) are built where they are given.
 */
public final class SmtpReplies {

    public static final SmtpReply OK = SmtpReply.of(250, "2.0.0", "Ok");
    public static final SmtpReply SENDER_OK = SmtpReply.of(250, "2.1.0", "Ok");
    public static final SmtpReply RECIPIENT_OK = SmtpReply.of(250, "2.1.5", "Ok");
    public static final SmtpReply START_DATA = SmtpReply.plain(354, "End data with <CR><LF>.<CR><LF>");
    public static final SmtpReply BYE = SmtpReply.of(221, "2.0.0", "Bye");
    public static final SmtpReply CANNOT_VRFY =
            SmtpReply.of(252, "2.0.0", "Cannot VRFY user, but will accept message and attempt delivery");
    public static final SmtpReply HELP = SmtpReply.of(214, "2.0.0",
            "Commands: EHLO HELO STARTTLS AUTH MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP; see RFC 5321");
    public static final SmtpReply READY_FOR_TLS = SmtpReply.of(220, "2.0.0", "Ready to start TLS");

    public static final SmtpReply COMMAND_UNRECOGNIZED = SmtpReply.of(500, "5.5.2", "Error: command not recognized");
    public static final SmtpReply LINE_TOO_LONG = SmtpReply.of(500, "5.5.2", "Error: line too long");
    public static final SmtpReply BARE_LF_IN_COMMAND =
            SmtpReply.of(500, "5.5.2", "Error: bare <LF> received; lines must end in <CR><LF>");
    public static final SmtpReply BAD_CHARACTERS = SmtpReply.of(500, "5.5.2", "Error: bad characters in command");
    public static final SmtpReply NOT_IMPLEMENTED = SmtpReply.of(502, "5.5.1", "Error: command not implemented");
    public static final SmtpReply HELO_SYNTAX = SmtpReply.of(501, "5.5.4", "Syntax: HELO hostname");
    public static final SmtpReply EHLO_SYNTAX = SmtpReply.of(501, "5.5.4", "Syntax: EHLO hostname");
    public static final SmtpReply MAIL_SYNTAX = SmtpReply.of(501, "5.5.4", "Syntax: MAIL FROM:<address>");
    public static final SmtpReply RCPT_SYNTAX = SmtpReply.of(501, "5.5.4", "Syntax: RCPT TO:<address>");
    public static final SmtpReply NO_ARGUMENTS = SmtpReply.of(501, "5.5.4", "Syntax: no arguments allowed");
    public static final SmtpReply BAD_SENDER_SYNTAX = SmtpReply.of(501, "5.1.7", "Bad sender address syntax");
    public static final SmtpReply BAD_RECIPIENT_SYNTAX = SmtpReply.of(501, "5.1.3", "Bad recipient address syntax");
    public static final SmtpReply NEED_HELO = SmtpReply.of(503, "5.5.1", "Error: send HELO/EHLO first");
    public static final SmtpReply NESTED_MAIL = SmtpReply.of(503, "5.5.1", "Error: nested MAIL command");
    public static final SmtpReply NEED_MAIL = SmtpReply.of(503, "5.5.1", "Error: need MAIL command");
    public static final SmtpReply NEED_RCPT = SmtpReply.of(503, "5.5.1", "Error: need RCPT command");
    public static final SmtpReply TOO_MANY_RECIPIENTS = SmtpReply.of(452, "4.5.3", "Error: too many recipients");
    public static final SmtpReply TLS_NOT_AVAILABLE = SmtpReply.of(502, "5.5.1", "Error: TLS not available");
    public static final SmtpReply TLS_ALREADY_ACTIVE = SmtpReply.of(503, "5.5.1", "Error: TLS already active");
    public static final SmtpReply STARTTLS_SYNTAX = SmtpReply.of(501, "5.5.4", "Syntax: STARTTLS");
    public static final SmtpReply AUTH_REQUIRED = SmtpReply.of(530, "5.7.0", "Authentication required");
    public static final SmtpReply NON_ASCII_ADDRESS =
            SmtpReply.of(553, "5.6.7", "Non-ASCII address not permitted without SMTPUTF8");
    public static final SmtpReply SENDER_NOT_OWNED =
            SmtpReply.of(553, "5.7.1", "Sender address rejected: not owned by the authenticated user");
    public static final SmtpReply SENDER_LOOKUP_FAILURE = SmtpReply.of(451, "4.3.0", "Temporary lookup failure");
    public static final SmtpReply DATA_AFTER_BDAT = SmtpReply.of(503, "5.5.1", "Error: BDAT already used; end it with BDAT n LAST");
    public static final SmtpReply BINARYMIME_NEEDS_BDAT = SmtpReply.of(503, "5.5.1", "Error: BODY=BINARYMIME requires BDAT");
    public static final SmtpReply BDAT_SYNTAX = SmtpReply.of(501, "5.5.4", "Syntax: BDAT chunk-size [LAST]");
    public static final SmtpReply AUTH_ABORTED = SmtpReply.of(501, "5.0.0", "Authentication aborted");
    public static final SmtpReply AUTH_SUCCEEDED = SmtpReply.of(235, "2.7.0", "Authentication successful");
    public static final SmtpReply AUTH_FAILED = SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");
    public static final SmtpReply AUTH_TEMPORARY_FAILURE = SmtpReply.of(454, "4.7.0", "Temporary authentication failure");
    public static final SmtpReply AUTH_THROTTLED =
            SmtpReply.of(454, "4.7.0", "Temporary authentication failure: too many failed attempts, try later");
    public static final SmtpReply AUTH_NEEDS_TLS =
            SmtpReply.of(538, "5.7.11", "Encryption required for requested authentication mechanism");
    public static final SmtpReply AUTH_NOT_ENABLED = SmtpReply.of(503, "5.5.1", "Error: authentication not enabled");
    public static final SmtpReply ALREADY_AUTHENTICATED = SmtpReply.of(503, "5.5.1", "Error: already authenticated");
    public static final SmtpReply AUTH_IN_TRANSACTION = SmtpReply.of(503, "5.5.1", "Error: MAIL transaction in progress");
    public static final SmtpReply AUTH_MECHANISM_UNKNOWN = SmtpReply.of(504, "5.5.4", "Unrecognized authentication type");
    public static final SmtpReply AUTH_SYNTAX = SmtpReply.of(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]");
    public static final SmtpReply AUTH_BAD_BASE64 = SmtpReply.of(501, "5.5.2", "Error: cannot decode response");
    public static final SmtpReply AUTH_MALFORMED = SmtpReply.of(501, "5.5.2", "Error: malformed authentication response");
    public static final SmtpReply TOO_MANY_AUTH_FAILURES = SmtpReply.of(421, "4.7.0", "Error: too many failed authentications");
    public static final SmtpReply TOO_MANY_JUNK_COMMANDS = SmtpReply.of(421, "4.7.0", "Error: too many junk commands");

    public static final SmtpReply USER_UNKNOWN =
            SmtpReply.of(550, "5.1.1", "Recipient address rejected: User unknown");
    /** RFC 3463 X.2.1: "mailbox disabled, not accepting messages". */
    public static final SmtpReply MAILBOX_DISABLED =
            SmtpReply.of(550, "5.2.1", "Recipient address rejected: Mailbox disabled");
    public static final SmtpReply RELAY_DENIED = SmtpReply.of(554, "5.7.1", "Relay access denied");
    public static final SmtpReply BAD_DESTINATION =
            SmtpReply.of(550, "5.1.2", "Recipient address rejected: bad destination mailbox address");
    public static final SmtpReply LOOKUP_FAILURE = SmtpReply.of(451, "4.3.0", "Temporary lookup failure");

    public static final SmtpReply MESSAGE_TOO_BIG = SmtpReply.of(552, "5.3.4", "Message size exceeds fixed limit");
    public static final SmtpReply BARE_NEWLINE_IN_DATA = SmtpReply.of(550, "5.6.0",
            "Error: message contains a bare <CR> or <LF>; lines must end in <CR><LF> (RFC 5321 section 2.3.8)");
    public static final SmtpReply QUEUE_WRITE_ERROR = SmtpReply.of(451, "4.3.0", "Error: queue file write error");
    public static final SmtpReply NUL_IN_DATA = SmtpReply.of(550, "5.6.0",
            "Error: message contains NUL characters; send it with BDAT and BODY=BINARYMIME");
    public static final SmtpReply FROM_NOT_OWNED =
            SmtpReply.of(553, "5.7.1", "From: header address not owned by the authenticated user");
    public static final SmtpReply TOO_MANY_HOPS = SmtpReply.of(554, "5.4.6",
            "Error: too many hops (Received: header fields); a mail forwarding loop?");
    public static final SmtpReply BAD_HEADER = SmtpReply.of(550, "5.6.0", "Error: message header is not usable");

    private SmtpReplies() {
    }

    /** An authenticated user over a sending limit: try again later (Postfix's anvil says 4.7.0; 4.7.1 as asked). */
    public static SmtpReply rateLimited(String detail) {
        return SmtpReply.of(451, "4.7.1", "Error: " + detail + "; try again later");
    }

    /** 421 before closing: the service is going away or cannot serve now. */
    public static SmtpReply serviceNotAvailable(String host) {
        return SmtpReply.of(421, "4.3.2", host + " Service not available, closing transmission channel");
    }

    public static SmtpReply tooManyConnections(String host, String client) {
        return SmtpReply.of(421, "4.7.0", host + " Error: too many connections from " + client);
    }

    public static SmtpReply tooManyConnections(String host) {
        return SmtpReply.of(421, "4.7.0", host + " Error: too many connections");
    }

    public static SmtpReply timeout(String host) {
        return SmtpReply.of(421, "4.4.2", host + " Error: timeout exceeded");
    }

    public static SmtpReply tooManyErrors(String host) {
        return SmtpReply.of(421, "4.7.0", host + " Error: too many errors");
    }

    public static SmtpReply unsupportedParameter(String keyword) {
        return SmtpReply.of(555, "5.5.4", "Unsupported option: " + keyword);
    }

    public static SmtpReply chunkReceived(long octets) {
        return SmtpReply.of(250, "2.0.0", octets + " octets received");
    }

    public static SmtpReply queued(String queueId) {
        return SmtpReply.of(250, "2.0.0", "Ok: queued as " + queueId);
    }
}
