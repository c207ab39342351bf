/**
 * Client autoconfiguration, so that a user types an address and a password and the mail client finds the rest:
 * Thunderbird's autoconfig, Outlook's autodiscover, Apple's configuration profile, and the MTA-STS policy that
 * sending servers read. Each answers only for enabled hosted domains (never another domain's settings), with the
 * host name and ports the listeners are configured with.
 *
 * <p>SECURITY: public, as clients ask before they have credentials; they reveal which domains are hosted here (as
 * the MX records do) and nothing about users. Request bodies (autodiscover) are parsed without DTDs or external
 * entities and limited in size.
 */
package org.postilion.web.autoconfig;
