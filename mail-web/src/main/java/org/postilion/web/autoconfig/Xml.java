package org.postilion.web.autoconfig;

import jakarta.servlet.http.HttpServletResponse;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writing the configuration documents (escaped by StAX), and a parser that reads no DTD or external entity. */
final class Xml {

    /** Writes the document's body. */
    interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private Xml() {
    }

    static void write(HttpServletResponse response, String contentType, Body body) throws IOException {
        write(response, contentType, null, body);
    }

    /** A whole UTF-8 document, with a DOCTYPE when one is given. */
    static void write(HttpServletResponse response, String contentType, String doctype, Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            if (doctype != null) {
                w.writeDTD(doctype);
                w.writeCharacters("\n");
            }
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the configuration document", e);
        }
        byte[] bytes = out.toByteArray();
        response.setContentType(contentType);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    /** A StAX parser for documents from the network: no DTD, no external entities (XXE), no namespaces needed. */
    static XMLInputFactory safeInput() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }
}
