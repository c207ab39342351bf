package org.postilion.it;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.ImapConversation;
import org.postilion.it.support.ImapConversation.Response;
import org.postilion.it.support.TestServer;
import org.postilion.it.support.Tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real IMAP clients against WildFly, scripted: Python's imaplib, curl ({@code imap://} and {@code imaps://}),
 * mbsync (isync) syncing both ways, offlineimap, mutt under a pseudo-terminal, and Angus Mail with IDLE. The
 * tools are Debian packages that .ci/install-test-tools installs; a missing tool fails the test.
 */
@ExtendWith(ArquillianExtension.class)
class ImapRealClientsIT {

    private static final AdminClient ADMIN = new AdminClient();
    private static final String PASSWORD = "real imap clients";
    private static String domain;

    @BeforeAll
    static void directory() {
        domain = TestServer.uniqueDomain("imapclients");
        ADMIN.createDomain(domain);
    }

    private static String newUserWithMail(String name, int messages) throws IOException {
        String user = name + "@" + domain;
        ADMIN.createUser(user, PASSWORD);
        try (ImapConversation c = ImapConversation.login(user, PASSWORD)) {
            for (int i = 1; i <= messages; i++) {
                Response r = c.append("INBOX", null, ("From: sender@example.com\r\nTo: " + user + "\r\nSubject: "
                        + name + " " + i + "\r\nMessage-ID: <" + name + i + "@example.com>\r\n\r\nbody " + i + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                assertTrue(r.ok(), r.toString());
            }
        }
        return user;
    }

    private static String imapUrl() {
        return "imap://" + TestServer.HOST + ":" + TestServer.imapPort();
    }

    @Test
    void pythonImaplib() throws Exception {
        String user = newUserWithMail("imaplib", 3);
        Path script = Files.createTempFile("imaplib", ".py");
        Files.writeString(script, String.join("\n",
                "import imaplib, sys",
                "h, port, user, pw = sys.argv[1:5]",
                "c = imaplib.IMAP4(h, int(port), timeout=30)",
                "c.login(user, pw)",
                "typ, boxes = c.list()",
                "assert typ == 'OK' and any(b'Sent' in b for b in boxes), boxes",
                "typ, data = c.select('INBOX')",
                "assert data[0] == b'3', data",
                "typ, data = c.search(None, 'SUBJECT', '\"imaplib 2\"')",
                "assert data[0] == b'2', data",
                "typ, data = c.fetch('2', '(RFC822)')",
                "assert b'body 2' in data[0][1], data",
                "c.store('1', '+FLAGS', '\\\\Deleted')",
                "c.expunge()",
                "typ, data = c.copy('1', 'Archive')",
                "assert typ == 'OK', data",
                "c.append('Drafts', '(\\\\Draft)', None, b'Subject: draft\\r\\n\\r\\nunfinished\\r\\n')",
                "typ, data = c.status('Drafts', '(MESSAGES)')",
                "print(data[0].decode())",
                "c.logout()"));
        String out = Tools.succeed("python3", script.toString(), TestServer.HOST, Integer.toString(TestServer.imapPort()),
                user, PASSWORD);
        assertTrue(out.contains("(MESSAGES 1)"), out);
    }

    @Test
    void curlListsSearchesAndFetchesOverImapAndImaps() throws Exception {
        String user = newUserWithMail("curl", 2);
        String list = Tools.succeed("curl", "-sS", "--fail", "--max-time", "30", "--url", imapUrl() + "/",
                "--user", user + ":" + PASSWORD);
        assertTrue(list.contains("INBOX") && list.contains("Archive"), list);
        String search = Tools.succeed("curl", "-sS", "--fail", "--max-time", "30", "--url", imapUrl() + "/INBOX",
                "--user", user + ":" + PASSWORD, "-X", "SEARCH SUBJECT \"curl 2\"");
        assertTrue(search.contains("* SEARCH 2"), search);
        String fetched = Tools.succeed("curl", "-sS", "--fail", "--max-time", "30", "--insecure", "--url",
                "imaps://" + TestServer.HOST + ":" + TestServer.imapsPort() + "/INBOX;UID=1",
                "--user", user + ":" + PASSWORD);
        assertTrue(fetched.contains("Subject: curl 1") && fetched.contains("body 1"), fetched);
        String starttls = Tools.succeed("curl", "-sS", "--fail", "--max-time", "30", "--ssl-reqd", "--insecure",
                "--url", imapUrl() + "/INBOX;UID=2", "--user", user + ":" + PASSWORD);
        assertTrue(starttls.contains("Subject: curl 2"), starttls);
    }

    @Test
    void mbsyncSyncsBothWays() throws Exception {
        String user = newUserWithMail("mbsync", 3);
        Path home = Files.createTempDirectory("mbsync");
        Path maildir = home.resolve("mail");
        Files.createDirectories(maildir);
        Path rc = home.resolve("mbsyncrc");
        Files.writeString(rc, String.join("\n",
                "IMAPAccount postilion",
                "Host " + TestServer.HOST,
                "Port " + TestServer.imapPort(),
                "User " + user,
                "Pass \"" + PASSWORD + "\"",
                "SSLType None",
                "AuthMechs LOGIN",
                "",
                "IMAPStore far",
                "Account postilion",
                "",
                "MaildirStore near",
                "Path " + maildir + "/",
                "Inbox " + maildir.resolve("INBOX"),
                "SubFolders Verbatim",
                "",
                "Channel sync",
                "Far :far:",
                "Near :near:",
                "Patterns *",
                "Create Both",
                "Expunge Both",
                "Sync All",
                "SyncState *",
                ""));
        Map<String, String> env = Map.of("HOME", home.toString());
        Tools.Run pull = Tools.run(Duration.ofSeconds(60), env, List.of("mbsync", "-c", rc.toString(), "-a"));
        assertEquals(0, pull.exitCode(), pull.output());
        assertEquals(3, countFiles(maildir.resolve("INBOX")), "pulled the three messages");
        assertTrue(Files.isDirectory(maildir.resolve("Sent")), "pulled the mailbox list");

        // a message written locally goes up; a flag set locally goes up too
        Path newMail = maildir.resolve("INBOX/new/1700000000.local.test");
        Files.writeString(newMail, "From: me@example.com\r\nSubject: written offline\r\n\r\nlocal\r\n");
        // mbsync names files with their UID (",U=1"); the one of UID 1 is flagged in cur/, as a Maildir reader would
        Path first;
        try (Stream<Path> files = Stream.concat(Files.list(maildir.resolve("INBOX/new")),
                Files.list(maildir.resolve("INBOX/cur")))) {
            first = files.filter(p -> p.getFileName().toString().contains(",U=1:")
                    || p.getFileName().toString().endsWith(",U=1")).findFirst().orElseThrow();
        }
        String name = first.getFileName().toString();
        int info = name.indexOf(":2,");
        String base = info < 0 ? name : name.substring(0, info);
        String flags = info < 0 ? "" : name.substring(info + 3);
        Files.move(first, maildir.resolve("INBOX/cur").resolve(base + ":2," + flags + "F"));
        Tools.Run push = Tools.run(Duration.ofSeconds(60), env, List.of("mbsync", "-c", rc.toString(), "-a"));
        assertEquals(0, push.exitCode(), push.output());
        try (ImapConversation c = ImapConversation.login(user, PASSWORD)) {
            Response select = c.command("EXAMINE INBOX");
            assertEquals(1, select.lines("* 4 EXISTS").size(), select.toString());
            assertEquals(1, c.command("SEARCH SUBJECT \"written offline\"").lines("* SEARCH 4").size());
            assertEquals(1, c.command("SEARCH FLAGGED").lines("* SEARCH 1").size());
        }
    }

    private static long countFiles(Path maildirFolder) throws IOException {
        long n = 0;
        for (String sub : List.of("new", "cur")) {
            try (Stream<Path> files = Files.list(maildirFolder.resolve(sub))) {
                n += files.count();
            }
        }
        return n;
    }

    @Test
    void offlineimapSyncsAMailbox() throws Exception {
        String user = newUserWithMail("offlineimap", 2);
        Path home = Files.createTempDirectory("offlineimap");
        Path rc = home.resolve("offlineimaprc");
        Files.writeString(rc, String.join("\n",
                "[general]",
                "accounts = test",
                "metadata = " + home.resolve("meta"),
                "",
                "[Account test]",
                "localrepository = local",
                "remoterepository = remote",
                "",
                "[Repository local]",
                "type = Maildir",
                "localfolders = " + home.resolve("mail"),
                "",
                "[Repository remote]",
                "type = IMAP",
                "remotehost = " + TestServer.HOST,
                "remoteport = " + TestServer.imapPort(),
                "remoteuser = " + user,
                "remotepass = " + PASSWORD,
                "ssl = no",
                "starttls = no",
                "folderfilter = lambda f: f in ['INBOX', 'Sent']",
                ""));
        Tools.Run run = Tools.run(Duration.ofSeconds(90), Map.of("HOME", home.toString()),
                List.of("offlineimap", "-c", rc.toString(), "-o", "-u", "basic"));
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(2, countFiles(home.resolve("mail/INBOX")), run.output());
    }

    @Test
    void muttReadsAMessageOverImap() throws Exception {
        String user = newUserWithMail("mutt", 2);
        Path home = Files.createTempDirectory("mutt");
        Path read = home.resolve("read.eml");
        Path rc = home.resolve("muttrc");
        Files.writeString(rc, String.join("\n",
                "set folder=\"" + home + "\"",
                "set imap_user=\"" + user + "\"",
                "set imap_pass=\"" + PASSWORD + "\"",
                "set ssl_starttls=no",
                "set ssl_force_tls=no",
                "set header_cache=\"\"",
                "set wait_key=no",
                "folder-hook . 'push \"<limit>~s \\\"mutt 2\\\"<enter><pipe-message>cat > " + read
                        + "<enter><quit>\"'",
                ""));
        String mutt = "mutt -n -F " + rc + " -f " + imapUrl() + "/INBOX";
        Tools.Run run = Tools.run(Duration.ofSeconds(60), Map.of("HOME", home.toString(), "TERM", "xterm"),
                List.of("script", "-qec", mutt, "/dev/null"));
        assertEquals(0, run.exitCode(), run.output());
        String message = Files.readString(read);
        assertTrue(message.contains("Subject: mutt 2") && message.contains("body 2"), message);
    }

    @Test
    void angusMailFetchesAndIdles() throws Exception {
        String user = newUserWithMail("angus", 1);
        Properties props = new Properties();
        props.put("mail.imap.host", TestServer.HOST);
        props.put("mail.imap.port", Integer.toString(TestServer.imapPort()));
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "30000");
        Session session = Session.getInstance(props);
        Store store = session.getStore("imap");
        store.connect(user, PASSWORD);
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertEquals(1, inbox.getMessageCount());
            Message first = inbox.getMessage(1);
            assertEquals("angus 1", first.getSubject());
            assertTrue(((String) first.getContent()).contains("body 1"));

            CountDownLatch arrived = new CountDownLatch(1);
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    arrived.countDown();
                }
            });
            Thread idler = new Thread(() -> {
                try {
                    inbox.idle(true);
                } catch (jakarta.mail.MessagingException e) {
                    // the test's assertion reports a missed message
                }
            });
            idler.start();
            Thread.sleep(500); // let IDLE start
            try (ImapConversation other = ImapConversation.login(user, PASSWORD)) {
                assertTrue(other.append("INBOX", null,
                        "Subject: while idling\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)).ok());
            }
            assertTrue(arrived.await(5, TimeUnit.SECONDS), "IDLE reported the new message");
            idler.join(10_000);
            assertEquals(2, inbox.getMessageCount());
            inbox.close(false);
        } finally {
            store.close();
        }
    }
}
