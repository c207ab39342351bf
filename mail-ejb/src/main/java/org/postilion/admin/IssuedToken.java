package org.postilion.admin;

/**
 * A token just made: the stored record and the secret, which exists only here and is shown once.
 *
 * @param token  the stored record (name, prefix, dates)
 * @param secret the bearer token to give the admin
 */
public record IssuedToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[" + token.getName() + "]";
    }
}
