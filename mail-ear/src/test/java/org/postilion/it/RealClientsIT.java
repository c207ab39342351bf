package org.postilion.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.SmtpConversation;
import org.postilion.it.support.TestServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real SMTP clients against WildFly, as an office would use them: swaks (PLAIN, LOGIN, STARTTLS, pipelining),
 * curl ({@code --ssl-reqd} with a login), Python's smtplib (STARTTLS, login, send_message), Perl's Net::SMTP
 * for BDAT (CHUNKING; Debian 12's swaks has no BDAT), and a Thunderbird-like sequence. Each message must arrive.
 * The tools are Debian packages that .ci/run installs; a missing tool fails the test.
 */
@ExtendWith(ArquillianExtension.class)
class RealClientsIT {

    private static final AdminClient ADMIN = new AdminClient();
    private static String domain;
    private static String erin;
    private static String frank;
    private static final String PASSWORD = "erin's long password";

    @BeforeAll
    static void directory() {
        domain = TestServer.uniqueDomain("clients");
        erin = "erin@" + domain;
        frank = "frank@" + domain;
        ADMIN.createDomain(domain);
        ADMIN.createUser(erin, PASSWORD);
        ADMIN.createUser(frank, "frank's long password");
    }

    @Test
    void swaksWithStartTlsPlainAndPipelining() throws Exception {
        run("swaks", "--server", TestServer.HOST + ":" + TestServer.submissionPort(), "--tls", "--auth", "PLAIN",
                "--auth-user", erin, "--auth-password", PASSWORD, "--from", erin, "--to", frank, "--pipeline",
                "--header", "Subject: swaks plain pipelined");
        arrives(frank, "swaks plain pipelined");
    }

    @Test
    void swaksWithAuthLogin() throws Exception {
        run("swaks", "--server", TestServer.HOST + ":" + TestServer.submissionPort(), "--tls", "--auth", "LOGIN",
                "--auth-user", erin, "--auth-password", PASSWORD, "--from", erin, "--to", frank,
                "--header", "Subject: swaks login");
        arrives(frank, "swaks login");
    }

    @Test
    void swaksToTheMxWithoutAuth() throws Exception {
        run("swaks", "--server", TestServer.HOST + ":" + TestServer.smtpPort(), "--tls", "--from", "outside@example.net",
                "--to", frank, "--header", "Subject: swaks mx");
        arrives(frank, "swaks mx");
    }

    @Test
    void curlWithSslRequiredAndALogin() throws Exception {
        Path message = Files.createTempFile("curl", ".eml");
        Files.writeString(message, "From: " + erin + "\r\nTo: " + frank + "\r\nSubject: curl ssl-reqd\r\n\r\nfrom curl\r\n");
        run("curl", "--silent", "--show-error", "--max-time", "60", "--ssl-reqd", "--insecure",
                "smtp://" + TestServer.HOST + ":" + TestServer.submissionPort(),
                "--user", erin + ":" + PASSWORD, "--mail-from", erin, "--mail-rcpt", frank, "--upload-file", message.toString());
        arrives(frank, "curl ssl-reqd");
    }

    @Test
    void pythonSmtplibWithStartTlsLoginAndSendMessage() throws Exception {
        String script = String.join("\n",
                "import smtplib, ssl, sys",
                "from email.message import EmailMessage",
                "m = EmailMessage()",
                "m['From'] = sys.argv[3]; m['To'] = sys.argv[5]; m['Subject'] = 'python smtplib'",
                "m.set_content('from smtplib')",
                "ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE",
                "with smtplib.SMTP(sys.argv[1], int(sys.argv[2]), timeout=30) as s:",
                "    s.ehlo(); s.starttls(context=ctx); s.ehlo()",
                "    s.login(sys.argv[3], sys.argv[4])",
                "    s.send_message(m)");
        Path file = Files.createTempFile("smtplib", ".py");
        Files.writeString(file, script);
        run("python3", file.toString(), TestServer.HOST, Integer.toString(TestServer.submissionPort()), erin, PASSWORD,
                frank);
        arrives(frank, "python smtplib");
    }

    @Test
    void perlNetSmtpSendsWithBdat() throws Exception {
        String script = String.join("\n",
                "use strict; use Net::SMTP;",
                "my ($host, $port, $from, $to) = @ARGV;",
                "my $s = Net::SMTP->new($host, Port => $port, Timeout => 30) or die 'connect';",
                "die 'no CHUNKING' unless defined $s->supports('CHUNKING');",
                "$s->mail($from, Bits => 'binary') or die 'mail';",  // BODY=BINARYMIME: Net::SMTP's BDAT needs it
                "$s->to($to) or die 'rcpt';",
                "$s->bdat(\"Subject: perl bdat\\r\\n\") or die 'bdat 1: ' . $s->message;",
                "$s->bdatlast(\"\\r\\nsent in two chunks\\r\\n\") or die 'bdat last: ' . $s->message;",
                "$s->quit;");
        Path file = Files.createTempFile("bdat", ".pl");
        Files.writeString(file, script);
        run("perl", file.toString(), TestServer.HOST, Integer.toString(TestServer.smtpPort()), "outside@example.net", frank);
        arrives(frank, "perl bdat");
    }

    /** What Thunderbird does on 587: EHLO, STARTTLS, EHLO, AUTH PLAIN, MAIL with SIZE and BODY=8BITMIME. */
    @Test
    void aThunderbirdLikeSequence() throws Exception {
        String body = "From: Erin <" + erin + ">\r\nTo: " + frank + "\r\nSubject: thunderbird-like\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße\r\n";
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        try (SmtpConversation smtp = SmtpConversation.open(TestServer.HOST, TestServer.submissionPort())) {
            assertEquals(220, smtp.reply().code());
            assertEquals(250, smtp.command("EHLO [127.0.0.1]").code());
            assertEquals(220, smtp.command("STARTTLS").code());
            smtp.startTls();
            assertEquals(250, smtp.command("EHLO [127.0.0.1]").code());
            assertEquals(235, smtp.authPlain(erin, PASSWORD).code());
            assertEquals(250, smtp.command("MAIL FROM:<" + erin + "> BODY=8BITMIME SIZE=" + size).code());
            assertEquals(250, smtp.command("RCPT TO:<" + frank + ">").code());
            assertEquals(354, smtp.command("DATA").code());
            assertEquals(250, smtp.data(body).code());
            assertEquals(221, smtp.command("QUIT").code());
        }
        JsonObject m = arrives(frank, "thunderbird-like");
        assertTrue(ADMIN.rawMessage(frank, m.getJsonNumber("uid").longValue()).contains("Grüße"), "8-bit content kept");
    }

    private static JsonObject arrives(String user, String subject) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> ADMIN.inbox(user),
                l -> l.stream().anyMatch(m -> subject.equals(m.getString("subject", null))))
                .stream().filter(m -> subject.equals(m.getString("subject", null))).findFirst().orElseThrow();
    }

    /** Runs a client to its end; its exit status must be 0. */
    private static void run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), cmd.get(0) + " did not finish");
        assertEquals(0, p.exitValue(), cmd.get(0) + " failed:\n" + output);
    }
}
