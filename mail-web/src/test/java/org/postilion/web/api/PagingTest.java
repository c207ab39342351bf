package org.postilion.web.api;

import org.junit.jupiter.api.Test;
import org.postilion.directory.DirectoryException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Windows of lists: bounds checked, the total in a header. */
class PagingTest {

    @Test
    void defaultsAndBounds() throws DirectoryException {
        assertEquals(new Paging(0, Paging.DEFAULT_LIMIT), Paging.of(null, null));
        assertEquals(new Paging(5, 1), Paging.of(5, 1));
        assertEquals(DirectoryException.Kind.INVALID, assertThrows(DirectoryException.class, () -> Paging.of(-1, 10)).kind());
        assertThrows(DirectoryException.class, () -> Paging.of(0, 0));
        assertThrows(DirectoryException.class, () -> Paging.of(0, Paging.MAX_LIMIT + 1));
    }

    @Test
    void windowsOfAWholeList() throws DirectoryException {
        List<Integer> all = List.of(1, 2, 3, 4, 5);
        assertEquals(List.of(2, 3), Paging.of(1, 2).window(all));
        assertEquals(List.of(), Paging.of(9, 2).window(all), "past the end: empty");
        assertEquals(List.of(5), Paging.of(4, Paging.MAX_LIMIT).window(all));
        assertEquals(all, Paging.of(0, Integer.valueOf(Paging.MAX_LIMIT)).window(all));
    }
}
