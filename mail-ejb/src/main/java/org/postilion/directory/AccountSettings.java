package org.postilion.directory;

/**
 * A user's settings, as an administrator sets them all at once.
 *
 * @param displayName the name shown for the user; null or blank for none
 * @param enabled     whether the user logs in and receives; null keeps it as it is
 * @param forwardTo   an address that gets everything the user receives; null or blank for none
 * @param keepCopy    whether a forwarded message is also kept here; null keeps it as it is
 */
public record AccountSettings(String displayName, Boolean enabled, String forwardTo, Boolean keepCopy) {
}
