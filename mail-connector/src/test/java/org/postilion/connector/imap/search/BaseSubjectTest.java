package org.postilion.connector.imap.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Base subject extraction, RFC 5256 section 2.1, step by step. */
class BaseSubjectTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Hello|Hello|false",
            "Re: Hello|Hello|true",
            "RE: re: Re:Hello|Hello|true",
            "Fwd: Hello|Hello|true",
            "Fw: Hello|Hello|true",
            "FWD:Hello|Hello|true",
            "Re [2]: Hello|Hello|true",
            "Re[3]:Hello|Hello|true",
            "[list] Re: Hello|Hello|true",
            "[list] [other] Re: Hello|Hello|true",
            "[list] Hello|Hello|false",
            "Re: [list] Hello|Hello|true",
            "[list]|[list]|false",
            "[list] |[list]|false",
            "Hello (fwd)|Hello|true",
            "Hello (FWD) (fwd)  |Hello|true",
            "[fwd: Hello]|Hello|true",
            "[Fwd: Re: [list] Hello (fwd)]|Hello|true",
            "Re: [fwd: Hello]|Hello|true",
            "Hello   \t  world|Hello world|false",
            "Rex: Hello|Rex: Hello|false",
            "Fwdx: Hello|Fwdx: Hello|false",
            "Re:|''|true",
            "'   '|''|false",
            "[unclosed Re: Hello|[unclosed Re: Hello|false",
            "Re: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=|Grüße|true",
            "=?UTF-8?Q?Re=3A_Hallo?=|Hallo|true"})
    void extracts(String subject, String base, boolean replyOrForward) {
        BaseSubject b = BaseSubject.of(subject);

        assertEquals(base, b.text());
        assertEquals(replyOrForward, b.replyOrForward());
    }

    @Test
    void aMissingSubjectIsEmpty() {
        assertEquals(new BaseSubject("", false), BaseSubject.of(null));
    }

    @Test
    void comparesWithAsciiCasemap() {
        assertEquals(BaseSubject.of("re: HELLO wörld").key(), BaseSubject.of("hello wörld").key());
        assertEquals("HELLO WöRLD", BaseSubject.of("hello wörld").key());
    }

    @Test
    void manyLeadersTakeLinearWork() {
        String subject = "Re: ".repeat(5_000) + "[x] ".repeat(5_000) + "end";

        assertEquals("end", BaseSubject.of(subject).text());
    }
}
