/**
 * The directory: hosted domains and their accounts (users), and the resolution of an address to an account.
 * An address of a hosted domain is either an account's or unknown; an address of any other domain is not
 * hosted, and mail to it can only be relayed.
 *
 * <p>Names are kept in lower case: domains are case-insensitive (RFC 5321 section 2.4) and so, here, are
 * local parts, as Postfix treats them in its lookup tables.
 */
package org.postilion.directory;
