package org.postilion.directory;

/**
 * A domain's settings, as an administrator sets them all at once.
 *
 * @param enabled           whether the domain receives mail and its users log in; null keeps it as it is
 * @param defaultQuotaBytes the quota of its users without their own, in octets; null for the server's default
 * @param maxUsers          how many users it may have; null for no limit
 * @param plusAddressing    whether {@code user+tag} reaches {@code user}; null keeps it as it is
 */
public record DomainSettings(Boolean enabled, Long defaultQuotaBytes, Integer maxUsers, Boolean plusAddressing) {
}
