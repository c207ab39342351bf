package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.CommandLine;
import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry of SMTP command handlers, and the dispatch of one command line to its handler. */
public final class SmtpCommands {

    private final Map<String, SmtpCommandHandler> handlers;

    public SmtpCommands(List<SmtpCommandHandler> handlers) {
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(SmtpCommandHandler::verb,
                Function.identity()));
    }

    /** Every command Postilion's SMTP listeners understand. */
    public static SmtpCommands defaults() {
        return new SmtpCommands(List.of(
                new HeloHandler(),
                new EhloHandler(),
                new MailHandler(),
                new RcptHandler(),
                new DataHandler(),
                new StartTlsHandler(),
                new AuthHandler(),
                new RsetHandler(),
                new NoopHandler(),
                new QuitHandler(),
                new VrfyHandler(),
                new HelpHandler()));
    }

    private static SmtpReply problemReply(CommandLine.Problem problem) {
        return switch (problem) {
            case TOO_LONG -> SmtpReplies.LINE_TOO_LONG;
            case BARE_LF -> SmtpReplies.BARE_LF_IN_COMMAND;
            case BAD_CHARACTERS -> SmtpReplies.BAD_CHARACTERS;
            case NONE -> null;
        };
    }

    /** The handler of a verb, or null. */
    public SmtpCommandHandler handler(String verb) {
        return handlers.get(verb);
    }

    /** Answers one command line. */
    public CompletionStage<SmtpReply> dispatch(SmtpSession session, CommandLine line) {
        if (session.continuation() == null) {
            SmtpReply problem = problemReply(line.problem());
            if (problem != null) {
                return SmtpSession.reply(problem);
            }
        }
        var continuation = session.continuation();
        if (continuation != null) {
            // a line of an AUTH exchange, not a command; a line that cannot be one ends the exchange
            session.continueWith(null);
            return line.problem() == CommandLine.Problem.NONE ? continuation.apply(line.text())
                    : SmtpSession.reply(SmtpReplies.AUTH_ABORTED);
        }
        String text = line.text();
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1);
        SmtpCommandHandler handler = handlers.get(verb);
        if (handler == null) {
            return SmtpSession.reply(SmtpReplies.COMMAND_UNRECOGNIZED);
        }
        if (handler.isJunk() && session.countJunkCommand()) {
            session.requestClose();
            return SmtpSession.reply(SmtpReplies.TOO_MANY_JUNK_COMMANDS);
        }
        return handler.handle(session, argument);
    }
}
