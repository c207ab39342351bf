package org.postilion.it.probe;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Enumeration;

/**
 * A test probe deployed next to the EAR (never part of it): puts a message that no delivery can read on
 * {@code mail.inbound} (POST), and counts the messages of a given queue id on {@code mail.dlq} (GET).
 */
@WebServlet("/queues")
public class QueueProbeServlet extends HttpServlet {

    static final String QUEUE_ID = "postilion_queue_id";

    @Resource(lookup = "java:/ConnectionFactory")
    private ConnectionFactory connections;

    @Resource(lookup = "java:/jms/queue/mail.inbound")
    private Queue inbound;

    @Resource(lookup = "java:/jms/queue/mail.dlq")
    private Queue deadLetters;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (JMSContext jms = connections.createContext()) {
            Message poison = jms.createTextMessage("not a queued mail message");
            poison.setStringProperty(QUEUE_ID, request.getParameter("id"));
            jms.createProducer().send(inbound, poison);
        } catch (JMSException e) {
            throw new IOException(e);
        }
        response.setStatus(204);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int count = 0;
        try (JMSContext jms = connections.createContext(); QueueBrowser browser = jms.createBrowser(deadLetters)) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message m = (Message) messages.nextElement();
                if (request.getParameter("id").equals(m.getStringProperty(QUEUE_ID))) {
                    count++;
                }
            }
        } catch (JMSException e) {
            throw new IOException(e);
        }
        response.setContentType("text/plain");
        response.getWriter().print(count);
    }
}
