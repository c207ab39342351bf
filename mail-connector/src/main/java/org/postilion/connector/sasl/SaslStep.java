package org.postilion.connector.sasl;

import java.util.Objects;

/** What a {@link SaslMechanism} answers to one client response. */
public sealed interface SaslStep permits SaslStep.Challenge, SaslStep.Success, SaslStep.Failure {

    /**
     * The exchange goes on: the protocol sends {@code data} base64-encoded (SMTP: {@code 334 <base64>}, an empty
     * challenge as {@code "334 "}) and passes the client's next response to the mechanism.
     */
    record Challenge(byte[] data) implements SaslStep {

        public Challenge {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public String toString() {
            return "Challenge[" + data.length + " octets]";
        }
    }

    /**
     * The client is authenticated as {@code user}, the canonical name the credential source answered with.
     *
     * <p>{@code serverFinal} is additional data to send with the success, or null. The mechanisms here always
     * leave it null: SCRAM's server-final message is sent as a last {@link Challenge} and the exchange succeeds
     * on the client's empty answer, because SMTP's {@code 235} carries no data (RFC 4954 section 4). The field
     * is there for a protocol that can carry data with its success and a mechanism that wants to use it.
     */
    record Success(String user, byte[] serverFinal) implements SaslStep {

        public Success {
            Objects.requireNonNull(user, "user");
            serverFinal = serverFinal == null ? null : serverFinal.clone();
        }

        @Override
        public byte[] serverFinal() {
            return serverFinal == null ? null : serverFinal.clone();
        }

        @Override
        public String toString() {
            return "Success[" + user + (serverFinal == null ? "" : ", " + serverFinal.length + " octets") + "]";
        }
    }

    /**
     * The exchange failed. {@code detail} is for the log: it never holds a password and never tells a wrong
     * password from an unknown user.
     */
    record Failure(Reason reason, String detail) implements SaslStep {

        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        /** Why, and so what the protocol answers (SMTP replies from RFC 4954 section 6). */
        public enum Reason {
            /** The client sent something that is not the mechanism's syntax, or sent it too late: SMTP 501 5.5.2. */
            MALFORMED,
            /** Wrong user, password or proof, or a proxy authorization we do not allow: SMTP 535 5.7.8. */
            CREDENTIALS,
            /** The credential source cannot answer now: SMTP 454 4.7.0. */
            TEMPORARY,
            /** The client asked for a feature the mechanism lacks, such as channel binding: SMTP 504 5.5.4. */
            UNSUPPORTED
        }
    }
}
