package org.postilion.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.SmtpConversation;
import org.postilion.it.support.TestServer;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The web console in a real browser: Debian's Chromium, headless, driven through its chromedriver by Selenium,
 * against the deployed EAR. One admin's session goes through the console as a person would: signs in, adds a
 * domain (first with a name the API refuses, whose problem detail the page must show), edits its settings, adds a
 * user and aliases, sees a message sent over SMTP in the user's INBOX and storage, makes an app password, removes
 * an alias and a whole domain only after confirming; finds a message for a remote recipient (deferred, as no DNS
 * server answers for its domain) in the queue's tabs and filters and reads its trace, then holds, releases and
 * removes it (after confirming) from its page; a domain admin sees their
 * domain and its queued mail and no other, and no server-wide navigation, and an admin of another domain does not
 * see that message; a mail user changes their password on the self-service page, and the new one signs in
 * through the API. The pages must run under their Content-Security-Policy without a single violation, and fit a
 * phone's width.
 *
 * <p>Screenshots of each step go to {@code target/console-screenshots/} (the admin guide's come from there).
 * Chromium missing is a failure that says how to install it, never a skip.
 *
 * <p>LIMITS: chromedriver and Chromium's DevTools port are bound on 127.0.0.1 in 45000-47999; each wait for the
 * page is at most 15 s.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String BASE = "http://" + TestServer.HOST + ":" + TestServer.httpPort();

    private static final AdminClient ROOT = new AdminClient();
    private static final String DOMAIN = TestServer.uniqueDomain("console");
    private static final String BOB = "bob@" + DOMAIN;
    private static final String BOB_PASSWORD = "bob's first passphrase";
    private static final String BOB_NEW_PASSWORD = "bob's second passphrase";
    private static final String DAVE = "dave@" + DOMAIN;
    private static final String DAVE_PASSWORD = "dave's submission passphrase";
    /** A domain no DNS server answers for: no server listens on the IT's DNS port (or dnsmasq, when OutboundDeliveryIT
     * runs, has no upstream for .invalid), so delivery defers with a DNS error and retries every 1-2 s. */
    private static final String REMOTE = "someone@nowhere-" + UUID.randomUUID().toString().substring(0, 8) + ".invalid";
    private static final Pattern QUEUED_AS = Pattern.compile("queued as (\\S+)");

    private static String queueId;

    private static ChromeDriverService service;
    private static WebDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void startChromium() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("ConsoleIT drives a real browser: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed. Install them "
                    + "with .ci/install-test-tools (Debian packages chromium and chromium-driver).");
        }
        Files.createDirectories(SCREENSHOTS);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingPort(freePort())
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-US", "--remote-debugging-port=" + freePort(),
                "--no-first-run", "--disable-extensions", "--disable-background-networking");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        // the console re-renders a page after each change: an element found a moment before may be replaced
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stopChromium() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    /** The root leads to the console, whose pages carry the security headers and hold no inline script. */
    @Test
    @Order(1)
    void theRootRedirectsToTheConsoleWhosePagesCarryTheSecurityHeaders() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create(BASE + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, root.statusCode());
        assertTrue(root.headers().firstValue("Location").orElseThrow().endsWith("/console/"));
        for (String path : List.of("/console/", "/console/self/", "/console/js/console.js", "/console/console.css")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(BASE + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'")
                    && !csp.contains("unsafe-inline"), path + ": " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), path);
            if (path.endsWith("/")) {
                assertFalse(r.body().matches("(?s).*<script(?![^>]*\\bsrc=).*"), path + " has an inline script");
                assertFalse(r.body().contains("style="), path + " has an inline style");
            }
        }
        // the API's own answers are left as they were
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(BASE + "/api/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(api.headers().firstValue("Content-Security-Policy").isEmpty());
    }

    @Test
    @Order(2)
    void anAdminSignsInAndSeesTheDashboard() {
        driver.get(BASE + "/");
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("name")));
        assertEquals(BASE + "/console/", driver.getCurrentUrl().replaceAll("#.*", ""));
        shot("01-sign-in");

        // (no wrong password here: failed sign-ins from 127.0.0.1 are throttled for the whole test run)
        name.sendKeys(AdminClient.ADMIN_NAME);
        driver.findElement(By.name("password")).sendKeys(AdminClient.ADMIN_PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        heading("Dashboard");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-health=up]")));
        // the chart counts outbound messages of the last 24 hours: empty, or bars (other test classes share the server)
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-empty=chart], [data-chart]")));
        assertTrue(text("[data-stat=Deferred]").matches("\\d+"), "deferred messages, from /api/queue/counts");
        assertFalse(driver.findElements(By.cssSelector("[data-stat=Bounced]")).isEmpty(), "bounced recipients, from the metrics");
        assertFalse(text("main").contains("[object"), "no object printed as text");
        assertEquals(AdminClient.ADMIN_NAME, driver.findElement(By.cssSelector("[data-whoami] strong")).getText());
        assertTrue(navigation().containsAll(List.of("Dashboard", "Domains", "Users", "Aliases", "Queue", "Audit log",
                "Administrators", "My account")), navigation().toString());
        shot("02-dashboard");
    }

    /** A name the API refuses: the page shows the problem's detail, as the API wrote it. */
    @Test
    @Order(3)
    void addingADomainShowsTheApisErrorThenAddsIt() {
        String bad = "not a domain!";
        String detail = ROOT.post("/domains", Json.createObjectBuilder().add("name", bad).build().toString())
                .json().getString("detail");

        go("domains", "Domains");
        By form = By.cssSelector("form[aria-label='Add a domain']");
        field(form, "name").sendKeys(bad);
        submit(form);
        assertEquals(detail, alert(form).getText());
        shot("03-domain-error");

        field(form, "name").clear();
        field(form, "name").sendKeys(DOMAIN);
        submit(form);
        heading(DOMAIN);
        AdminClient.expect(200, ROOT.get("/domains/" + DOMAIN));
    }

    @Test
    @Order(4)
    void editsTheDomainsSettings() {
        go("domains/" + DOMAIN, DOMAIN);
        By form = By.cssSelector("form[aria-labelledby=settings-title]");
        field(form, "maxUsers").sendKeys("25");
        field(form, "defaultQuotaBytes").sendKeys("50");
        WebElement plus = field(form, "plusAddressing");
        assertTrue(plus.isSelected());
        plus.click();
        submit(form);
        await().atMost(Duration.ofSeconds(10)).until(() -> ROOT.get("/domains/" + DOMAIN).json().getInt("maxUsers", -1) == 25);
        JsonObject d = ROOT.get("/domains/" + DOMAIN).json();
        assertEquals(50L * 1024 * 1024, d.getJsonNumber("defaultQuotaBytes").longValue());
        assertFalse(d.getBoolean("plusAddressing"));
        assertTrue(d.getBoolean("enabled"));
        wait.until(browser -> "25".equals(browser.findElement(By.cssSelector("form[aria-labelledby=settings-title] [name=maxUsers]"))
                .getDomProperty("value")));
        shot("04-domain-settings");
    }

    @Test
    @Order(5)
    void addsAUserAndEditsItsDisplayName() {
        go("users?domain=" + DOMAIN, "Users");
        assertTrue(text("main").contains("No users in " + DOMAIN + " yet"), "the empty state");
        By form = By.cssSelector("form[aria-label='Add a user']");
        field(form, "address").sendKeys(BOB);
        field(form, "password").sendKeys(BOB_PASSWORD);
        submit(form);
        heading(BOB);

        By settings = By.cssSelector("form[aria-labelledby=user-settings]");
        field(settings, "displayName").sendKeys("Bob Console");
        submit(settings);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "Bob Console".equals(ROOT.get("/users/" + BOB).json().getString("displayName", null)));
        heading(BOB);
    }

    @Test
    @Order(6)
    void addsAnAliasAndACatchAllAndEditsTargets() {
        go("aliases?domain=" + DOMAIN, "Aliases");
        assertTrue(text("main").contains("No aliases yet"), "the empty state");
        By form = By.cssSelector("form[aria-label='Add an alias']");
        field(form, "address").sendKeys("sales@" + DOMAIN);
        field(form, "targets").sendKeys(BOB);
        submit(form);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main table"), "sales@" + DOMAIN));

        form = By.cssSelector("form[aria-label='Add an alias']");
        field(form, "address").sendKeys("@" + DOMAIN);
        field(form, "targets").sendKeys(BOB + ", postmaster@example.net");
        submit(form);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main table"), "catch-all"));

        driver.findElement(By.cssSelector("button[aria-label='Edit @" + DOMAIN + "']")).click();
        WebElement targets = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("dialog[open] textarea[name=targets]")));
        targets.clear();
        targets.sendKeys(BOB);
        driver.findElement(By.cssSelector("dialog[open] button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> ROOT.get("/aliases/" + AdminClient.encode("@" + DOMAIN))
                .json().getJsonArray("targets").size() == 1);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main table"), "catch-all"));
        shot("05-aliases");
    }

    /** A message over SMTP to the alias lands in Bob's INBOX; his page shows it and the storage it takes. */
    @Test
    @Order(7)
    void aMessageSentOverSmtpShowsInTheUsersInboxAndStorage() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", TestServer.HOST);
        props.put("mail.smtp.port", Integer.toString(TestServer.smtpPort()));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "30000");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("alice@example.net", "Alice Example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("sales@" + DOMAIN));
        message.setSubject("Quarterly figures <b>not bold</b>", "UTF-8");
        message.setText("Hello Bob,\r\nthe figures are attached in spirit.\r\n", "UTF-8");
        Transport.send(message);
        await().atMost(Duration.ofSeconds(20)).until(() -> ROOT.inbox(BOB).size() == 1);

        go("users/" + BOB, BOB);
        WebElement inbox = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("section[aria-labelledby=inbox-title] table")));
        assertTrue(inbox.getText().contains("Quarterly figures <b>not bold</b>"), "the subject, as text: " + inbox.getText());
        assertTrue(inbox.getText().contains("Alice Example <alice@example.net>"), inbox.getText());
        assertEquals("1", driver.findElement(By.cssSelector("[data-message-count]")).getDomAttribute("data-message-count"));
        String storage = text("[data-usage]");
        assertTrue(storage.matches("(?s).*\\d+(\\.\\d)? (bytes|KiB) of 50 MiB.*"), storage);
        assertNotNull(driver.findElement(By.cssSelector("[data-usage] meter")));
        shot("06-user");

        go("domains/" + DOMAIN, DOMAIN);
        assertEquals("1", text("[data-count=users]"));
        assertEquals("2", text("[data-count=aliases]"));
        assertFalse(text("[data-count=storage]").startsWith("0 "), text("[data-count=storage]"));
    }

    /** An app password is shown once, in a dialog, and listed by name afterwards. */
    @Test
    @Order(8)
    void makesAnAppPasswordShownOnce() {
        go("users/" + BOB, BOB);
        By form = By.cssSelector("form[aria-label='New app password']");
        field(form, "name").sendKeys("phone");
        submit(form);
        String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("dialog[open] [data-secret]"))).getDomProperty("value");
        assertTrue(secret.matches("[a-z0-9]{4}(-[a-z0-9]{4}){3}"), secret);
        shot("07-app-password");
        driver.findElement(By.cssSelector("dialog[open] button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("section[aria-labelledby=apppw-title] table"), "phone"));
        assertFalse(text("main").contains(secret), "not shown again");
    }

    /** Removing asks first: cancelled, nothing changes; confirmed, the alias is gone. */
    @Test
    @Order(9)
    void removingAnAliasNeedsConfirmation() {
        go("aliases?domain=" + DOMAIN, "Aliases");
        By remove = By.cssSelector("button[aria-label='Remove sales@" + DOMAIN + "']");
        driver.findElement(remove).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
        shot("08-confirm");
        driver.findElement(By.xpath("//dialog[@open]//button[normalize-space()='Cancel']")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
        AdminClient.expect(200, ROOT.get("/aliases/sales@" + DOMAIN));

        driver.findElement(remove).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("dialog[open] button[data-confirm]"))).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> ROOT.get("/aliases/sales@" + DOMAIN).status() == 404);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(remove));
    }

    /** A domain with users goes only after its name is typed into the confirmation. */
    @Test
    @Order(10)
    void removingADomainWithUsersNeedsItsNameTyped() {
        String doomed = TestServer.uniqueDomain("doomed");
        ROOT.createDomain(doomed);
        ROOT.createUser("carol@" + doomed, "carol's passphrase");

        go("domains/" + doomed, doomed);
        driver.findElement(By.xpath("//button[normalize-space()='Remove domain…']")).click();
        WebElement confirm = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("dialog[open] button[data-confirm]")));
        assertFalse(confirm.isEnabled(), "not before the name is typed");
        driver.findElement(By.cssSelector("dialog[open] input[name=confirm-text]")).sendKeys(doomed);
        assertTrue(confirm.isEnabled());
        shot("09-confirm-domain");
        confirm.click();
        heading("Domains");
        assertEquals(404, ROOT.get("/domains/" + doomed).status());
        assertEquals(404, ROOT.get("/users/carol@" + doomed).status());
    }

    /** The audit log shows what this session changed, filtered by domain. */
    @Test
    @Order(11)
    void theAuditLogFiltersByDomain() {
        go("audit?domain=" + DOMAIN, "Audit log");
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main table")));
        for (String action : List.of("domain.create", "domain.update", "user.create", "alias.create", "alias.delete")) {
            assertTrue(table.getText().contains(action), action + " in " + table.getText());
        }
        int total = ROOT.get("/audit?domain=" + DOMAIN).array().size();
        assertEquals(String.valueOf(total), driver.findElement(By.cssSelector("[data-total]")).getDomAttribute("data-total"));
        shot("10-audit");
    }

    /**
     * A message submitted for a recipient on another server is in the queue: deferred (no DNS answers for its
     * domain), with its recipient's status and the DNS error as the last reply; the filters and the tabs find it.
     */
    @Test
    @Order(12)
    void aMessageForARemoteRecipientIsListedInTheQueue() throws Exception {
        ROOT.createUser(DAVE, DAVE_PASSWORD);
        try (SmtpConversation smtp = SmtpConversation.open(TestServer.HOST, TestServer.submissionPort())) {
            smtp.reply();
            smtp.command("EHLO laptop.example");
            assertEquals(235, smtp.authPlain(DAVE, DAVE_PASSWORD).code());
            assertEquals(250, smtp.command("MAIL FROM:<" + DAVE + ">").code());
            assertEquals(250, smtp.command("RCPT TO:<" + REMOTE + ">").code());
            assertEquals(354, smtp.command("DATA").code());
            SmtpConversation.Reply done = smtp.data("From: <" + DAVE + ">\r\nTo: <" + REMOTE + ">\r\n"
                    + "Subject: for the queue\r\n\r\nThis one waits for a DNS answer.\r\n");
            assertEquals(250, done.code(), done.toString());
            Matcher m = QUEUED_AS.matcher(done.last());
            assertTrue(m.find(), done.toString());
            queueId = m.group(1);
        }
        // the DNS lookup fails (at most the resolver's timeout), the recipient is deferred and retried
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            AdminClient.Reply r = ROOT.get("/queue/" + queueId);
            return r.status() == 200 && "DEFERRED".equals(r.json().getJsonObject("message").getString("state"))
                    && r.json().getJsonArray("trace").stream().anyMatch(e -> "deferred".equals(e.asJsonObject().getString("event")));
        });

        go("queue", "Queue");
        WebElement row = row(queueId);
        assertTrue(row.getText().contains(DAVE), row.getText());
        WebElement recipient = row.findElement(By.cssSelector("[data-recipient='" + REMOTE + "']"));
        assertEquals("deferred", recipient.findElement(By.cssSelector(".badge")).getText());
        assertTrue(row.findElement(By.cssSelector("td.reply")).getText().contains("DNS"), row.getText());
        int deferred = Integer.parseInt(driver.findElement(By.cssSelector("[data-state-tab=deferred] .count")).getText());
        assertTrue(deferred >= 1, "the deferred tab counts it");

        // the deferred tab, then the sender filter: this message alone
        driver.findElement(By.cssSelector("[data-state-tab=deferred]")).click();
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-state-tab=deferred]"), "aria-current", "page"));
        row(queueId);
        By filters = By.cssSelector("form[aria-label='Filter the queue']");
        field(filters, "sender").sendKeys(DAVE);
        submit(filters);
        wait.until(ExpectedConditions.urlContains("sender="));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-total]"), "data-total", "1"));
        row(queueId);
        shot("15-queue");

        // a sender with nothing queued: the empty state
        go("queue?sender=" + AdminClient.encode("nobody-" + UUID.randomUUID() + "@"), "Queue");
        assertTrue(text("[data-empty=queue]").contains("No message matches"), text("main"));
    }

    /** A queue id opens the message's page (by a click, a deep link, or the find box): envelope, recipients, trace. */
    @Test
    @Order(13)
    void theMessagesPageShowsItsEnvelopeRecipientsAndTrace() {
        go("queue", "Queue");
        row(queueId).findElement(By.cssSelector("a[data-queue-id]")).click();
        heading("Message " + queueId);
        assertTrue(driver.getCurrentUrl().endsWith("#/queue/" + queueId), driver.getCurrentUrl());
        assertEquals(DAVE, text("[data-sender]"));
        WebElement recipients = driver.findElement(By.cssSelector("section[aria-labelledby=recipients-title] table"));
        assertTrue(recipients.getText().contains(REMOTE) && recipients.getText().contains("deferred")
                && recipients.getText().contains("DNS"), recipients.getText());
        assertTrue(Integer.parseInt(driver.findElement(By.cssSelector("[data-attempts]")).getDomAttribute("data-attempts")) >= 1);

        List<WebElement> events = driver.findElements(By.cssSelector("ol.timeline > li"));
        List<String> kinds = events.stream().map(e -> e.getDomAttribute("data-event")).toList();
        assertEquals("queued", kinds.get(0), kinds.toString());
        assertTrue(kinds.contains("deferred"), kinds.toString());
        WebElement deferred = driver.findElement(By.cssSelector("ol.timeline > li[data-event=deferred]"));
        assertTrue(deferred.getText().contains(REMOTE), deferred.getText());
        assertTrue(deferred.findElement(By.cssSelector("pre.detail")).getText().contains("DNS"), deferred.getText());
        assertTrue(deferred.findElement(By.cssSelector("time")).getDomAttribute("datetime").matches("\\d{4}-.*"));
        // tall enough for the trace
        driver.manage().window().setSize(new Dimension(1280, 1400));
        try {
            shot("16-queue-message");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }

        // the dashboard counts it: deferred, and in the messages-per-hour chart
        go("dashboard", "Dashboard");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-chart]")));
        assertTrue(Integer.parseInt(text("[data-stat=Deferred]")) >= 1, text("[data-stat=Deferred]"));
        assertTrue(Integer.parseInt(driver.findElement(By.cssSelector("[data-outcome=deferred]")).getText()) >= 1,
                "deferred attempts from the metrics");
        assertFalse(text("main").contains("[object"), "no object printed as text");
        shot("20-dashboard-outbound");

        // a deep link, loaded afresh, and the find box from the queue page
        driver.get(BASE + "/console/#/queue/" + queueId);
        driver.navigate().refresh();
        heading("Message " + queueId);
        go("queue", "Queue");
        By find = By.cssSelector("form[aria-label='Find a message by queue id']");
        field(find, "queueId").sendKeys(queueId);
        submit(find);
        heading("Message " + queueId);
        go("queue/NOSUCHQUEUEID", "Message not found");
        assertEquals(ROOT.get("/queue/NOSUCHQUEUEID").json().getString("detail"), text("[data-not-found]"));
    }

    /**
     * The message's page offers the actions that apply to its state: held, it shows HELD and offers Release (and no
     * Retry or Hold); released, it waits again; removed after confirming, it is done and its recipient deleted.
     */
    @Test
    @Order(14)
    void aMessageIsHeldReleasedAndRemovedFromItsPage() {
        go("queue/" + queueId, "Message " + queueId);
        By actions = By.cssSelector("[data-actions]");
        assertEquals(List.of("retry", "hold", "delete", "bounce"), actionButtons(), "a waiting message's actions");

        // hold: HELD, and Release instead of Retry and Hold
        driver.findElement(By.cssSelector("button[data-action=hold]")).click();
        wait.until(ExpectedConditions.attributeToBe(actions, "data-actions", "HELD"));
        heading("Message " + queueId);
        assertEquals("held", text("dd [data-state=HELD]"));
        assertTrue(text("section[aria-labelledby=envelope-title]").contains("none while held"), "no attempt while held");
        assertEquals(List.of("release", "delete", "bounce"), actionButtons(), "a held message's actions");
        assertEquals("HELD", ROOT.get("/queue/" + queueId).json().getJsonObject("message").getString("state"));
        assertTrue(driver.findElements(By.cssSelector("ol.timeline > li[data-event=hold]")).size() == 1, "the hold is in the trace");
        shot("21-queue-message-held");

        // the Held tab counts it and lists it
        go("queue?state=held", "Queue");
        assertTrue(Integer.parseInt(driver.findElement(By.cssSelector("[data-state-tab=held] .count")).getText()) >= 1);
        row(queueId);
        go("queue/" + queueId, "Message " + queueId);

        // release: waiting again (active or deferred, as its next attempt goes), Retry and Hold are back
        driver.findElement(By.cssSelector("button[data-action=release]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.attributeToBe(actions, "data-actions", "HELD")));
        heading("Message " + queueId);
        assertTrue(List.of("ACTIVE", "DEFERRED").contains(driver.findElement(actions).getDomAttribute("data-actions")));
        assertEquals(List.of("retry", "hold", "delete", "bounce"), actionButtons(), "a released message's actions");

        // remove: cancelled, nothing changes; confirmed, done, its recipient deleted, no action left
        driver.findElement(By.cssSelector("button[data-action=delete]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//dialog[@open]//button[normalize-space()='Cancel']"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
        assertFalse("DONE".equals(ROOT.get("/queue/" + queueId).json().getJsonObject("message").getString("state")));
        driver.findElement(By.cssSelector("button[data-action=delete]")).click();
        shot("22-queue-message-remove");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("dialog[open] button[data-confirm]"))).click();
        wait.until(ExpectedConditions.attributeToBe(actions, "data-actions", "DONE"));
        heading("Message " + queueId);
        assertEquals("done", text("dd [data-state=DONE]"));
        assertEquals(List.of(), actionButtons(), "a done message has no action");
        WebElement recipients = driver.findElement(By.cssSelector("section[aria-labelledby=recipients-title] table"));
        assertEquals("deleted", recipients.findElement(By.cssSelector("[data-status=DELETED]")).getText(), recipients.getText());
        assertEquals("DELETED", ROOT.get("/queue/" + queueId).json().getJsonObject("message").getJsonArray("recipients")
                .getJsonObject(0).getString("status"));
        List<String> kinds = driver.findElements(By.cssSelector("ol.timeline > li")).stream()
                .map(e -> e.getDomAttribute("data-event")).toList();
        assertTrue(kinds.containsAll(List.of("hold", "release", "delete")), kinds.toString());
        shot("23-queue-message-removed");
    }

    /** A domain admin sees their domain only, and no server-wide navigation; another domain is not found. */
    @Test
    @Order(15)
    void aDomainAdminSeesOnlyTheirDomain() {
        String other = TestServer.uniqueDomain("elsewhere");
        ROOT.createDomain(other);
        String name = "da-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "a domain admin's passphrase";
        AdminClient.expect(201, ROOT.post("/admins", Json.createObjectBuilder().add("name", name).add("password", password)
                .add("role", "domain-admin").add("domains", Json.createArrayBuilder().add(DOMAIN)).build().toString()));

        signOut();
        driver.findElement(By.name("name")).sendKeys(name);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        heading("Dashboard");
        List<String> nav = navigation();
        assertFalse(nav.contains("Administrators"), nav.toString());
        assertTrue(nav.contains("Queue"), "the queue, of their domains: " + nav);
        assertTrue(driver.findElements(By.cssSelector("[data-health]")).isEmpty(), "no health for domain admins");

        // the queue shows their domain's message, and no broker internals
        go("queue", "Queue");
        row(queueId);
        assertTrue(driver.findElements(By.cssSelector("details.depths")).isEmpty(), "no broker queue depths");
        shot("17-queue-domain-admin");

        go("domains", "Domains");
        String domains = text("main table");
        assertTrue(domains.contains(DOMAIN), domains);
        assertFalse(domains.contains(other), domains);
        assertTrue(driver.findElements(By.cssSelector("form[aria-label='Add a domain']")).isEmpty());
        shot("11-domain-admin");

        driver.get(BASE + "/console/#/domains/" + other);
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main .page > .error")));
        AdminClient.Reply refused = AdminClient.signIn(name, password).get("/domains/" + other);
        assertEquals(404, refused.status());
        assertEquals(refused.json().getString("detail"), error.getText());

        driver.get(BASE + "/console/#/admins");
        heading("Dashboard");
        signOut();

        // an admin of the other domain: not in their queue, and its page is not found, as the API answers
        String otherName = "da-" + UUID.randomUUID().toString().substring(0, 8);
        AdminClient.expect(201, ROOT.post("/admins", Json.createObjectBuilder().add("name", otherName).add("password", password)
                .add("role", "domain-admin").add("domains", Json.createArrayBuilder().add(other)).build().toString()));
        driver.findElement(By.name("name")).sendKeys(otherName);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        heading("Dashboard");
        go("queue", "Queue");
        assertTrue(text("[data-empty=queue]").contains("The queue is empty"), text("main"));
        assertTrue(driver.findElements(By.cssSelector("[data-queue-id='" + queueId + "']")).isEmpty());
        assertEquals("0", driver.findElement(By.cssSelector("[data-state-tab=all] .count")).getText());
        shot("18-queue-other-domain-admin");
        driver.get(BASE + "/console/#/queue/" + queueId);
        heading("Message not found");
        AdminClient.Reply hidden = AdminClient.signIn(otherName, password).get("/queue/" + queueId);
        assertEquals(404, hidden.status());
        assertEquals(hidden.json().getString("detail"), text("[data-not-found]"));
        signOut();
    }

    /** A mail user changes their password on the self-service page; the new one signs in, the old one not. */
    @Test
    @Order(16)
    void aMailUserChangesTheirPasswordOnTheSelfServicePage() {
        driver.get(BASE + "/console/self/");
        WebElement address = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("address")));
        shot("12-self-sign-in");
        address.sendKeys(BOB);
        driver.findElement(By.name("password")).sendKeys(BOB_PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-whoami]"), BOB));

        By form = By.cssSelector("form[aria-label='Change my password']");
        field(form, "currentPassword").sendKeys("a wrong passphrase");
        field(form, "newPassword").sendKeys(BOB_NEW_PASSWORD);
        field(form, "repeat").sendKeys(BOB_NEW_PASSWORD);
        submit(form);
        assertEquals("the current password is wrong", alert(form).getText());

        field(form, "currentPassword").clear();
        field(form, "currentPassword").sendKeys(BOB_PASSWORD);
        submit(form);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-password-changed]")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("section[aria-labelledby=apppw-title] table"), "phone"));
        shot("13-self-service");

        // the new password signs in (the old one is not tried: failures from 127.0.0.1 are throttled for the run)
        AdminClient.Reply signedIn = AdminClient.expect(200, AdminClient.anonymous().post("/self/session",
                Json.createObjectBuilder().add("address", BOB).add("password", BOB_NEW_PASSWORD).build().toString()));
        assertEquals(BOB, signedIn.json().getString("name"));

        driver.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("address")));
    }

    /** On a phone's width the console fits without sideways scrolling. */
    @Test
    @Order(17)
    void theConsoleFitsAPhone() {
        driver.get(BASE + "/console/");
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("name")));
        name.sendKeys(AdminClient.ADMIN_NAME);
        driver.findElement(By.name("password")).sendKeys(AdminClient.ADMIN_PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        heading("Dashboard");
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            go("users/" + BOB, BOB);
            Object overflow = ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertTrue(((Number) overflow).longValue() <= 0, "sideways overflow of " + overflow + " px");
            shot("14-phone");
            for (String route : List.of("queue", "queue/" + queueId)) {
                driver.get(BASE + "/console/#/" + route);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"),
                        route.equals("queue") ? "Queue" : queueId));
                wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("main .loading")));
                overflow = ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
                assertTrue(((Number) overflow).longValue() <= 0, route + ": sideways overflow of " + overflow + " px");
            }
            shot("19-queue-message-phone");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /** No page broke its Content-Security-Policy, and no script failed, in the whole run. */
    @Test
    @Order(18)
    void noPageViolatedItsContentSecurityPolicyOrFailed() {
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                // the API's refusals the scenario asked for are logged by the browser as failed requests
                .filter(m -> !m.matches("(?s).*/api/\\S+ - Failed to load resource: the server responded with a "
                        + "status of (400|401|403|404) .*"))
                .toList();
        assertTrue(problems.isEmpty(), "browser errors: " + problems);
    }

    // ---- helpers ----

    /** Goes to a console route and waits for its heading. */
    private static void go(String route, String heading) {
        driver.get(BASE + "/console/#/" + route);
        heading(heading);
    }

    private static void heading(String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("main .loading")));
    }

    /** The data-action of each action button on a message's page, in order. */
    private static List<String> actionButtons() {
        return driver.findElements(By.cssSelector("[data-actions] button[data-action]")).stream()
                .map(b -> b.getDomAttribute("data-action")).toList();
    }

    /** The queue table's row of a message. */
    private static WebElement row(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//main//table//tr[.//a[@data-queue-id='" + id + "']]")));
    }

    private static WebElement field(By form, String name) {
        return wait.until(ExpectedConditions.presenceOfNestedElementLocatedBy(form, By.name(name)));
    }

    private static void submit(By form) {
        driver.findElement(form).findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** The error a form shows. */
    private static WebElement alert(By form) {
        return wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(form, By.cssSelector(".error[role=alert]")))
                .get(0);
    }

    private static String text(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css))).getText();
    }

    private static List<String> navigation() {
        return driver.findElements(By.cssSelector("nav.sidebar a")).stream().map(WebElement::getText).toList();
    }

    private static void signOut() {
        driver.findElement(By.xpath("//header//button[normalize-space()='Sign out']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("name")));
    }

    private static void shot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new AssertionError("cannot save screenshot " + name, e);
        }
    }

    /** A free port on 127.0.0.1 in 45000-47999, for chromedriver and Chromium's DevTools. */
    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getByName(TestServer.HOST);
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(45000, 48000);
            try (ServerSocket s = new ServerSocket(port, 1, loopback)) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port in 45000-47999 on " + TestServer.HOST);
    }
}
