package org.postilion.connector.smtp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replies as they go on the wire (RFC 5321 section 4.2, RFC 3463 enhanced status codes). */
class SmtpReplyTest {

    @Test
    void rendersSingleLineWithEnhancedStatus() {
        assertEquals("250 2.1.5 Ok\r\n", SmtpReply.of(250, "2.1.5", "Ok").render());
    }

    @Test
    void rendersSingleLineWithoutEnhancedStatus() {
        assertEquals("220 mx.test ESMTP Postilion\r\n", SmtpReply.plain(220, "mx.test ESMTP Postilion").render());
    }

    @Test
    void rendersMultiLineWithHyphensAndASpaceOnTheLast() {
        SmtpReply reply = new SmtpReply(250, null, List.of("mx.test", "PIPELINING", "SIZE 10240000"));

        assertEquals("250-mx.test\r\n250-PIPELINING\r\n250 SIZE 10240000\r\n", reply.render());
    }

    @Test
    void rendersMultiLineWithTheEnhancedStatusOnEveryLine() {
        SmtpReply reply = new SmtpReply(550, "5.7.1", List.of("first", "second", "third"));

        assertEquals("550-5.7.1 first\r\n550-5.7.1 second\r\n550 5.7.1 third\r\n", reply.render());
    }

    @Test
    void prefixesEveryLineAndKeepsCodeAndStatus() {
        SmtpReply original = new SmtpReply(550, "5.1.1", List.of("User unknown", "really"));

        SmtpReply prefixed = original.withPrefix("<x@example.com>: ");

        assertEquals("550-5.1.1 <x@example.com>: User unknown\r\n550 5.1.1 <x@example.com>: really\r\n",
                prefixed.render());
        assertEquals("550-5.1.1 User unknown\r\n550 5.1.1 really\r\n", original.render(), "the original is unchanged");
    }

    @Test
    void rendersTheConstantsAsPostfixWordsThem() {
        assertEquals("550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown\r\n",
                SmtpReplies.USER_UNKNOWN.withPrefix("<nobody@example.com>: ").render());
        assertEquals("421 4.7.0 mx.test Error: too many errors\r\n", SmtpReplies.tooManyErrors("mx.test").render());
        assertEquals("250 2.0.0 Ok: queued as 0123456789ABC\r\n", SmtpReplies.queued("0123456789ABC").render());
        assertEquals("555 5.5.4 Unsupported option: FOO\r\n", SmtpReplies.unsupportedParameter("FOO").render());
    }

    @Test
    void encodesAsUtf8AndShowsWithoutTheLastLineEnd() {
        SmtpReply reply = SmtpReply.of(250, "2.0.0", "Ok für dich");

        assertArrayEquals("250 2.0.0 Ok für dich\r\n".getBytes(StandardCharsets.UTF_8), reply.toBytes());
        assertEquals("250 2.0.0 Ok für dich", reply.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"250, true, false, false", "354, true, false, false", "421, false, true, false",
        "451, false, true, false", "500, false, false, true", "554, false, false, true"})
    void classifiesByTheFirstDigit(int code, boolean positive, boolean transientFailure, boolean permanentFailure) {
        SmtpReply reply = SmtpReply.plain(code, "text");

        assertEquals(positive, reply.isPositive());
        assertEquals(transientFailure, reply.isTransientFailure());
        assertEquals(permanentFailure, reply.isPermanentFailure());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {-1, 0, 199, 600, 1000})
    void refusesCodeOutsideTheRange(int code) {
        assertThrows(IllegalArgumentException.class, () -> SmtpReply.plain(code, "text"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {200, 599})
    void acceptsCodesAtTheEndsOfTheRange(int code) {
        assertEquals(code, SmtpReply.plain(code, "text").code());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"250, 5.0.0", "550, 2.0.0", "451, 5.3.0", "554, 4.7.1"})
    void refusesStatusWhoseClassDoesNotMatchTheCode(int code, String status) {
        assertThrows(IllegalArgumentException.class, () -> SmtpReply.of(code, status, "text"));
    }

    @Test
    void refusesAReplyWithoutText() {
        assertThrows(IllegalArgumentException.class, () -> new SmtpReply(250, null, List.of()));
    }

    @Test
    void keepsItsOwnCopyOfTheLines() {
        List<String> lines = new ArrayList<>(List.of("one"));
        SmtpReply reply = new SmtpReply(250, null, lines);

        lines.add("two");

        assertEquals(List.of("one"), reply.lines());
        assertFalse(reply.render().contains("two"));
        assertTrue(reply.isPositive());
    }
}
