package org.postilion.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.io.IOException;

/**
 * The container's error page (web.xml) for the errors it answers itself, such as the authentication mechanism's
 * {@code 401}: a problem body instead of WildFly's HTML page, with the detail the code that failed the request
 * left in {@link Problem#DETAIL_ATTRIBUTE}. Asked for directly, it is a {@code 404}.
 */
@WebServlet(ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    public static final String PATH = "/error-page";
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Response.Status status = code instanceof Integer c ? Response.Status.fromStatusCode(c) : null;
        if (status == null) {
            Problem.write(response, Response.Status.NOT_FOUND, "no such resource");
            return;
        }
        Object detail = request.getAttribute(Problem.DETAIL_ATTRIBUTE);
        Problem.write(response, status, detail != null ? detail.toString() : status.getReasonPhrase());
    }
}
