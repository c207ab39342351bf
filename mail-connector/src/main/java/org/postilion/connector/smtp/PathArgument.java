package org.postilion.connector.smtp;

import org.postilion.connector.spi.MailAddress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The argument of MAIL FROM or RCPT TO, parsed: the path and its ESMTP parameters.
 *
 * @param address    the address; null for the null reverse-path {@code <>}
 * @param parameters the ESMTP parameters, keyword in upper case, value null when absent (e.g. {@code SMTPUTF8})
 */
public record PathArgument(MailAddress address, Map<String, String> parameters) {

    public PathArgument {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public boolean isNullPath() {
        return address == null;
    }
}
