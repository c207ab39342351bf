package org.postilion.web.api;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.postilion.directory.DirectoryException;
import org.postilion.mailbox.NoSuchMailboxException;
import org.postilion.web.Problem;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every failure into a problem response; nothing reaches the client as an HTML error page. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    /** Refusals of the directory: 404, 409 or 400. */
    @Provider
    public static class Directory implements ExceptionMapper<DirectoryException> {
        @Override
        public Response toResponse(DirectoryException e) {
            Response.Status status = switch (e.kind()) {
                case NOT_FOUND -> Response.Status.NOT_FOUND;
                case CONFLICT -> Response.Status.CONFLICT;
                case INVALID -> Response.Status.BAD_REQUEST;
            };
            return Problem.response(status, e.getMessage());
        }
    }

    @Provider
    public static class NoSuchMailbox implements ExceptionMapper<NoSuchMailboxException> {
        @Override
        public Response toResponse(NoSuchMailboxException e) {
            return Problem.response(Response.Status.NOT_FOUND, e.getMessage());
        }
    }

    /** A body that is not the JSON expected. */
    @Provider
    public static class BadJson implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return Problem.response(Response.Status.BAD_REQUEST, "malformed JSON: " + e.getMessage());
        }
    }

    @Provider
    public static class BadBody implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return Problem.response(Response.Status.BAD_REQUEST, "unreadable request body: " + e.getMessage());
        }
    }

    /** JAX-RS's own errors (404 for an unknown path, 405, 415...), as problems. */
    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
            if (status == null) {
                status = Response.Status.BAD_REQUEST;
            }
            return Problem.response(status, e.getMessage());
        }
    }

    /** Anything else is the server's fault: logged with an id that the client is given. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "API request failed, incident " + incident, e);
            return Problem.response(Response.Status.INTERNAL_SERVER_ERROR,
                    "the server failed to handle the request; incident " + incident + " is in its log");
        }
    }
}
