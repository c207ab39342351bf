package org.postilion.connector.imap.search;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.postilion.connector.imap.search.ReturnOption.ALL;
import static org.postilion.connector.imap.search.ReturnOption.COUNT;
import static org.postilion.connector.imap.search.ReturnOption.MAX;
import static org.postilion.connector.imap.search.ReturnOption.MIN;
import static org.postilion.connector.imap.search.ReturnOption.SAVE;

/** The SEARCH and ESEARCH responses, with the examples of RFC 4731, RFC 7162 and RFC 9051. */
class SearchResponsesTest {

    @Test
    void searchListsNumbers() {
        assertEquals("* SEARCH 2 84 882", SearchResponses.search(new long[]{2, 84, 882}, null));
    }

    @Test
    void searchWithModseqAsInRfc7162() {
        assertEquals("* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)",
                SearchResponses.search(new long[]{2, 5, 6, 7, 11, 12, 18, 19, 20, 23}, 917162500L));
    }

    @Test
    void anEmptySearchIsTheWordAlone() {
        assertEquals("* SEARCH", SearchResponses.search(new long[0], 5L));
    }

    @Test
    void esearchMinCountAsInRfc4731() {
        assertEquals("* ESEARCH (TAG \"A282\") MIN 2 COUNT 3",
                SearchResponses.esearch("A282", false, EnumSet.of(MIN, COUNT), new long[]{2, 10, 11}, null));
    }

    @Test
    void esearchAllIsASequenceSetAsInRfc4731() {
        assertEquals("* ESEARCH (TAG \"A283\") ALL 2,10:11",
                SearchResponses.esearch("A283", false, EnumSet.of(ALL), new long[]{2, 10, 11}, null));
    }

    @Test
    void esearchForUidSearchSaysUid() {
        assertEquals("* ESEARCH (TAG \"A284\") UID MIN 4 MAX 9 ALL 4,7:9 COUNT 4",
                SearchResponses.esearch("A284", true, EnumSet.of(MIN, MAX, ALL, COUNT), new long[]{9, 4, 7, 8}, null));
    }

    @Test
    void esearchWithModseqAsInRfc7162() {
        assertEquals("* ESEARCH (TAG \"a\") ALL 1:3,5 MODSEQ 1236",
                SearchResponses.esearch("a", false, EnumSet.of(ALL), new long[]{1, 2, 3, 5}, 1236L));
    }

    @Test
    void anEmptyEsearchKeepsOnlyCount() {
        assertEquals("* ESEARCH (TAG \"A285\")",
                SearchResponses.esearch("A285", false, EnumSet.of(MIN, MAX, ALL), new long[0], 7L));
        assertEquals("* ESEARCH (TAG \"A286\") UID COUNT 0",
                SearchResponses.esearch("A286", true, EnumSet.of(MIN, COUNT), new long[0], null));
    }

    @Test
    void saveAloneSendsNoEsearch() {
        assertNull(SearchResponses.esearch("A287", false, EnumSet.of(SAVE), new long[]{1}, null));
        assertEquals("* ESEARCH (TAG \"A288\") MIN 1",
                SearchResponses.esearch("A288", false, EnumSet.of(SAVE, MIN), new long[]{1}, null));
    }

    @Test
    void quotesTheTag() {
        assertEquals("* ESEARCH (TAG \"a\\\"b\\\\c\") COUNT 0",
                SearchResponses.esearch("a\"b\\c", false, EnumSet.of(COUNT), new long[0], null));
    }
}
