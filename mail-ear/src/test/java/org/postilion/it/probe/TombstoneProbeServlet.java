package org.postilion.it.probe;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;

/**
 * A test probe deployed next to the EAR (never part of it): POST runs the EAR's tombstone prune now with a
 * retention of zero (every tombstone written before this moment goes) and answers the number deleted. The
 * pruner's class lives in the EAR's class loader, not this WAR's: it is looked up by its global JNDI name and
 * called by reflection.
 */
@WebServlet("/tombstones")
public class TombstoneProbeServlet extends HttpServlet {

    static final String PRUNER = "java:global/mail-ear/mail-ejb/TombstonePruner";

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Object pruner = new InitialContext().lookup(PRUNER);
            Method prune = pruner.getClass().getMethod("pruneExpungedBefore", Instant.class);
            prune.setAccessible(true);
            Object deleted = prune.invoke(pruner, Instant.now());
            response.setContentType("text/plain");
            response.getWriter().print(deleted);
        } catch (NamingException | NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IOException(e);
        }
    }
}
