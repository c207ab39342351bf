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
                new RsetHandler(),
                new NoopHandler(),
                new QuitHandler(),
                new VrfyHandler(),
                new HelpHandler()));
    }

    /** Answers one command line. */
    public CompletionStage<SmtpReply> dispatch(SmtpSession session, CommandLine line) {
        switch (line.problem()) {
            case TOO_LONG:
                return SmtpSession.reply(SmtpReplies.LINE_TOO_LONG);
            case BARE_LF:
                return SmtpSession.reply(SmtpReplies.BARE_LF_IN_COMMAND);
            case BAD_CHARACTERS:
                return SmtpSession.reply(SmtpReplies.BAD_CHARACTERS);
            case NONE:
            default:
                break;
        }
        String text = line.text();
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1);
        SmtpCommandHandler handler = handlers.get(verb);
        if (handler == null) {
            return SmtpSession.reply(SmtpReplies.COMMAND_UNRECOGNIZED);
        }
        return handler.handle(session, argument);
    }
}
