package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;

import java.util.concurrent.CompletionStage;

/**
 * Handles one SMTP verb. Each handler does, in order: check the argument's syntax, check the session's state,
 * ask policy (through the session's backend, asynchronously), and only then change the session.
 */
public interface SmtpCommandHandler {

    /** The verb, upper case. */
    String verb();

    /**
     * @param argument what follows the verb and one space, possibly empty; never null
     * @return the reply, possibly later (a backend call); a failed stage is answered as a temporary failure
     */
    CompletionStage<SmtpReply> handle(SmtpSession session, String argument);

    /**
     * Whether the command does nothing for a transaction (NOOP, RSET, VRFY, HELP): such commands are counted,
     * and a session that sends too many is closed [smtpd_junk_command_limit].
     */
    default boolean isJunk() {
        return false;
    }
}
