package org.postilion.connector.imap.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** RFC 2047 encoded-words, with the examples of its section 8 and what broken mailers send. */
class EncodedWordsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // RFC 2047 section 8
            "(=?ISO-8859-1?Q?a?=)|(a)",
            "(=?ISO-8859-1?Q?a?= b)|(a b)",
            "(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)|(ab)",
            "(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)|(ab)",
            "(=?ISO-8859-1?Q?a_b?=)|(a b)",
            "(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)|(a b)",
            "=?US-ASCII?Q?Keith_Moore?=|Keith Moore",
            "=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=|Keld Jørn Simonsen",
            "=?ISO-8859-1?Q?Andr=E9?= Pirard|André Pirard",
            "=?iso-8859-1?q?this=20is=20some=20text?=|this is some text",
            // B encoding, lower-case labels, RFC 2231 language
            "=?utf-8?b?w4RwZmVs?=|Äpfel",
            "=?UTF-8*de?Q?=C3=84pfel?=|Äpfel",
            // a multi-byte character split over two words
            "=?UTF-8?B?ww==?= =?UTF-8?B?hHA=?=|Äp",
            "=?UTF-8?Q?=C3?= =?UTF-8?Q?=84?=|Ä",
            // plain text around words
            "Re: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= again|Re: Grüße again",
            "no words here|no words here",
            // broken or unknown: kept as sent
            "=?X-UNKNOWN?Q?abc?=|=?X-UNKNOWN?Q?abc?=",
            "=?UTF-8?X?abc?=|=?UTF-8?X?abc?=",
            "=?UTF-8?Q?a=ZZ?=|=?UTF-8?Q?a=ZZ?=",
            "=?UTF-8?Q?unterminated|=?UTF-8?Q?unterminated",
            "=??Q?abc?=|=??Q?abc?=",
            "=?UTF-8?Q?a b?=|=?UTF-8?Q?a b?=",
            "a =?|a =?",
            "=?UTF-8?Q?x?= trailing |x trailing ",
            // white space before a word that does not decode is kept
            "=?UTF-8?Q?a?= =?X-UNKNOWN?Q?b?=|a =?X-UNKNOWN?Q?b?=",
            "=?UTF-8?Q?a?= =?UTF-8?Q?b=Z?=|a =?UTF-8?Q?b=Z?=",
    })
    void decodes(String in, String expected) {
        assertEquals(expected, EncodedWords.decode(in));
    }

    @Test
    void keepsSpaceBetweenAWordAndPlainText() {
        assertEquals("Grüße an Dich", EncodedWords.decode("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= an =?UTF-8?Q?Dich?="));
    }

    @Test
    void nullStaysNull() {
        assertNull(EncodedWords.decode(null));
    }

    @Test
    void manyHalfWordsDoNotTakeQuadraticTime() {
        String hostile = "=?UTF-8?Q?".repeat(20_000);

        assertEquals(hostile, EncodedWords.decode(hostile));
    }

    @Test
    void manyUnterminatedWordsBeforeALongTailStayLinear() {
        String hostile = "=?UTF-8?Q?a ".repeat(100_000) + "x".repeat(1_000_000);

        String decoded = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> EncodedWords.decode(hostile));
        assertEquals(hostile, decoded);
    }

    @Test
    void aWordLongerThanTheLimitStaysAsSent() {
        String longWord = "=?UTF-8?Q?" + "a".repeat(EncodedWords.MAX_WORD) + "?=";
        String shortEnough = "=?UTF-8?Q?" + "a".repeat(EncodedWords.MAX_WORD - 20) + "?=";

        assertEquals(longWord, EncodedWords.decode(longWord));
        assertEquals("a".repeat(EncodedWords.MAX_WORD - 20), EncodedWords.decode(shortEnough));
    }
}
