package org.postilion.connector.imap.process;

import io.netty.util.concurrent.ScheduledFuture;
import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * IDLE (RFC 2177, RFC 9051 section 6.3.13): {@code + idling}, then every change of the selected mailbox is
 * announced as it happens (EXPUNGE included: IDLE is no FETCH, STORE or SEARCH) until the client sends
 * {@code DONE}. A change signal ({@code MailboxSignals}, from the JMS topic) makes the session ask the store
 * at once; signals that come while it asks cause one more round, not one each. Without signals it asks every
 * poll interval (30 s) all the same, in case a signal was lost.
 */
final class IdleCommand implements ImapCommand {

    @Override
    public String name() {
        return "IDLE";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.AUTH;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 0, 0);
        Idle idle = new Idle(session);
        session.continuation("idling");
        session.onWake(idle::poll);
        session.readLine(idle::line);
        idle.schedule();
        // changes that came between the last command and IDLE
        idle.poll();
        return idle.done;
    }

    private static final class Idle {
        private final ImapSession session;
        private final CompletableFuture<Tagged> done = new CompletableFuture<>();
        private ScheduledFuture<?> timer;
        private boolean polling;
        private boolean again;

        Idle(ImapSession session) {
            this.session = session;
        }

        void schedule() {
            long every = session.settings().pollInterval().toMillis();
            timer = session.executor().scheduleAtFixedRate(this::poll, every, every, TimeUnit.MILLISECONDS);
        }

        void poll() {
            if (done.isDone() || session.selected() == null) {
                return;
            }
            if (!session.isActive()) {
                finish(Tagged.bad("Connection closed"));
                return;
            }
            if (polling) {
                again = true;
                return;
            }
            polling = true;
            MailboxSync.syncOnSignal(session).whenComplete((x, e) -> {
                session.flush();
                polling = false;
                if (again) {
                    again = false;
                    poll();
                }
            });
        }

        void line(String line) {
            if (line.equalsIgnoreCase("DONE")) {
                finish(Tagged.ok("IDLE terminated"));
            } else {
                finish(Tagged.bad("Expected DONE"));
            }
        }

        private void finish(Tagged t) {
            if (timer != null) {
                timer.cancel(false);
            }
            session.onWake(null);
            done.complete(t);
        }
    }
}
