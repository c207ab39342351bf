package org.postilion.web;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An RFC 9457 problem detail: the body of every error the admin API answers, from a resource or from the
 * authentication mechanism in front of them.
 *
 * @param type   a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title  the status's phrase
 * @param status the HTTP status
 * @param detail what went wrong, for a person to read
 */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    public static Problem of(Response.Status status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail);
    }

    public static Response response(Response.Status status, String detail) {
        return Response.status(status).type(PROBLEM_JSON).entity(of(status, detail)).build();
    }

    /** The request attribute with the detail of an error the container answers (see {@link ErrorPageServlet}). */
    public static final String DETAIL_ATTRIBUTE = Problem.class.getName() + ".detail";

    /** Writes the problem as a servlet response, for code outside JAX-RS. */
    public static void write(HttpServletResponse response, Response.Status status, String detail) throws IOException {
        Problem p = of(status, detail);
        byte[] body = Json.createObjectBuilder().add("type", p.type()).add("title", p.title())
                .add("status", p.status()).add("detail", p.detail()).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(p.status());
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
