package org.postilion.web.api;

import jakarta.ws.rs.core.Response;
import org.postilion.directory.DirectoryException;

import java.util.List;

/**
 * Paging of every list the API answers: {@code ?offset=0&limit=N} select a window, the body is the window (a JSON
 * array) and the {@value #TOTAL_HEADER} header says how many items there are in all.
 *
 * <p>LIMITS: {@code limit} defaults to {@value #DEFAULT_LIMIT} and may not exceed {@value #MAX_LIMIT}.
 */
public record Paging(int offset, int limit) {

    public static final String TOTAL_HEADER = "X-Total-Count";
    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 10000;

    /** The window a request asks for; null parameters take the defaults. */
    public static Paging of(Integer offset, Integer limit) throws DirectoryException {
        int o = offset == null ? 0 : offset;
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (o < 0) {
            throw DirectoryException.invalid("offset is 0 or more");
        }
        if (l < 1 || l > MAX_LIMIT) {
            throw DirectoryException.invalid("limit is 1 to " + MAX_LIMIT);
        }
        return new Paging(o, l);
    }

    /** The window of a list held whole, as the response. */
    public <T> Response of(List<T> all) {
        return page(window(all), all.size());
    }

    /** The window of a list held whole. */
    public <T> List<T> window(List<T> all) {
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        return all.subList(from, to);
    }

    /** A window read by itself, with the size of the whole. */
    public static <T> Response page(List<T> window, long total) {
        return Response.ok(List.copyOf(window)).header(TOTAL_HEADER, total).build();
    }
}
