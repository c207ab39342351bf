package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every command, listed once, and the dispatch: unknown commands and commands not allowed in the session's
 * state are answered {@code BAD} here, so handlers need not check; malformed arguments become {@code BAD}, store
 * refusals {@code NO [code]}, store failures {@code NO [UNAVAILABLE]}; after a command in the selected state
 * the mailbox is synchronised ({@link MailboxSync}) before the tagged response.
 */
public final class ImapCommands {

    private static final Logger LOG = Logger.getLogger(ImapCommands.class.getName());

    private final Map<String, ImapCommand> commands = new LinkedHashMap<>();

    private ImapCommands(List<ImapCommand> list) {
        for (ImapCommand c : list) {
            if (commands.put(c.name(), c) != null) {
                throw new IllegalArgumentException("two handlers for " + c.name());
            }
        }
    }

    /** The server's commands. */
    public static ImapCommands defaults() {
        return new ImapCommands(List.of(
                new CapabilityCommand(), new NoopCommand("NOOP"), new NoopCommand("CHECK"), new LogoutCommand(),
                new StartTlsCommand(), new LoginCommand(), new AuthenticateCommand(), new IdCommand(),
                new EnableCommand(), new NamespaceCommand(), new ListCommand("LIST"), new ListCommand("LSUB"),
                new CreateCommand(), new DeleteCommand(), new RenameCommand(), new SubscribeCommand(true),
                new SubscribeCommand(false), new StatusCommand(), new SelectCommand(false),
                new SelectCommand(true), new CloseCommand(false), new CloseCommand(true),
                new FetchCommand(false), new FetchCommand(true), new StoreCommand(false), new StoreCommand(true),
                new ExpungeCommand(false), new ExpungeCommand(true), new CopyCommand(false, false),
                new CopyCommand(true, false), new CopyCommand(false, true), new CopyCommand(true, true),
                new AppendCommand(), new IdleCommand(), new QuotaCommand(false), new QuotaCommand(true),
                new CompressCommand(), new SearchCommand(false), new SearchCommand(true), new SortCommand(false),
                new SortCommand(true), new ThreadCommand(false), new ThreadCommand(true)));
    }

    /**
     * The capabilities that come with optional commands, when they are registered: ESEARCH and SEARCHRES
     * with SEARCH (RFC 4731, RFC 5182), SORT, THREAD with its algorithms (RFC 5256).
     */
    public List<String> capabilities() {
        List<String> caps = new java.util.ArrayList<>();
        if (commands.containsKey("SEARCH")) {
            caps.addAll(List.of("ESEARCH", "SEARCHRES"));
        }
        if (commands.containsKey("SORT")) {
            caps.add("SORT");
        }
        if (commands.containsKey("THREAD")) {
            caps.addAll(List.of("THREAD=REFERENCES", "THREAD=ORDEREDSUBJECT"));
        }
        return caps;
    }

    public ImapCommand get(String name) {
        return commands.get(name);
    }

    /** Runs one command; the stage completes on the session's event loop with its tagged response. */
    public CompletionStage<Tagged> dispatch(ImapSession session, ImapRequest request) {
        String name = request.name();
        List<ImapArg> args = request.args();
        if (name.equals("UID")) {
            if (args.isEmpty() || !(args.get(0) instanceof ImapArg.Atom sub)) {
                return done(Tagged.bad("Missing UID command"));
            }
            name = "UID " + Args.upper(sub.value());
            request = new ImapRequest(request.tag(), name, args.subList(1, args.size()), request.literals());
        }
        ImapCommand command = commands.get(name);
        if (command == null) {
            return done(Tagged.bad("Unknown command " + abbreviate(name)));
        }
        ImapState state = session.state();
        if (!command.states().contains(state)) {
            return done(Tagged.bad(switch (state) {
                case NOT_AUTHENTICATED -> "Log in first";
                case AUTHENTICATED -> command.states().contains(ImapState.NOT_AUTHENTICATED)
                        ? "Already logged in" : "No mailbox selected";
                default -> "Command not allowed now";
            }));
        }
        CompletionStage<Tagged> stage;
        try {
            stage = command.handle(session, request);
        } catch (Args.BadArguments e) {
            return done(Tagged.bad(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + " failed for " + session.clientAddress(), e);
            return done(Tagged.bad("Error in IMAP command"));
        }
        String commandName = name;
        CompletionStage<Tagged> answered = stage.handle((tagged, e) -> {
            if (e == null) {
                return tagged;
            }
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            if (cause instanceof Args.BadArguments bad) {
                return Tagged.bad(bad.getMessage());
            }
            if (!(cause instanceof org.postilion.connector.spi.imap.MailboxException)) {
                LOG.log(Level.WARNING, commandName + " failed for " + session.clientAddress(), cause);
            }
            return ImapSession.failure(cause);
        });
        if (!command.syncAfter()) {
            return answered;
        }
        return answered.thenCompose(tagged -> session.state() == ImapState.SELECTED
                ? MailboxSync.sync(session, command.expungeAllowed()).thenApply(x -> tagged)
                : CompletableFuture.completedFuture(tagged));
    }

    private static CompletionStage<Tagged> done(Tagged t) {
        return CompletableFuture.completedFuture(t);
    }

    private static String abbreviate(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "..." : name;
    }
}
