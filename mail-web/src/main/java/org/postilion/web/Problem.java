package org.postilion.web.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail.
 *
 * @param type   a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title  the status's phrase
 * @param status the HTTP status
 * @param detail what went wrong, for a person to read
 */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    public static Response response(Response.Status status, String detail) {
        return Response.status(status)
                .type(PROBLEM_JSON)
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail))
                .build();
    }
}
