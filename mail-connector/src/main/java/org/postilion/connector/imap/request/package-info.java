/**
 * Typed requests of the commands whose arguments are a language of their own (FETCH items and sections),
 * parsed purely and tested on their own, as James's {@code message/request} does.
 */
package org.postilion.connector.imap.request;
