package org.postilion.connector.sasl;

import org.postilion.connector.sasl.ScramMessages.ClientFinal;
import org.postilion.connector.sasl.ScramMessages.ClientFirst;
import org.postilion.connector.sasl.SaslStep.Challenge;
import org.postilion.connector.sasl.SaslStep.Failure;
import org.postilion.connector.sasl.SaslStep.Failure.Reason;
import org.postilion.connector.sasl.SaslStep.Success;
import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.ScramCredentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * SCRAM-SHA-256 (RFC 5802 with RFC 7677), without channel binding. The exchange, as SMTP carries it:
 * <pre>
 *   client-first   n,,n=user,r=CNONCE          (the initial response, or after an empty challenge)
 *   server-first   r=CNONCE SNONCE,s=SALT,i=ITERATIONS                       Challenge
 *   client-final   c=biws,r=CNONCE SNONCE,p=PROOF
 *   server-final   v=SIGNATURE                                               Challenge
 *   (empty)                                                                  Success
 * </pre>
 * The server-final message is a challenge, not data sent with the success, because SMTP's {@code 235} carries
 * none (RFC 4954 section 4); the client checks the server's signature before its empty answer.
 *
 * <p>SECURITY: the server never sees the password; it checks {@code H(ClientProof XOR HMAC(StoredKey,
 * AuthMessage)) == StoredKey} in constant time. A user the credential source denies gets decoy keys (see
 * {@link DecoyScramCredentials}), so the server-first message does not tell whether the user exists; the
 * exchange fails at the proof, with the same failure as a wrong password. Channel binding ({@code p=}) and
 * mandatory extensions ({@code m=}) are {@link Reason#UNSUPPORTED}; {@code y} is accepted because no
 * {@code -PLUS} variant is advertised (offering one would make {@code y} a downgrade to refuse). An authzid
 * other than the user is {@link Reason#CREDENTIALS}: no proxy authorization. The server nonce is
 * {@value #NONCE_OCTETS} random octets from {@link SecureRandom}, base64-encoded.
 *
 * <p>LIMITS: each client message at most 4096 octets, user names 255 characters after SASLprep.
 */
final class ScramSha256Mechanism implements SaslMechanism {

    static final String NAME = "SCRAM-SHA-256";
    static final int NONCE_OCTETS = 24;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_OCTETS = 32;

    private enum State { START, CLIENT_FIRST, LOOKUP, CLIENT_FINAL, ACKNOWLEDGE, DONE }

    private final SaslCredentials credentials;
    private final Supplier<String> serverNonces;
    /** Written last by each step, so that a thread that reads it sees the fields below as that step left them. */
    private volatile State state = State.START;

    private ClientFirst clientFirst;
    private String user;
    private ScramCredentials keys;
    private boolean decoy;
    private String nonce;
    private String serverFirst;

    ScramSha256Mechanism(SaslCredentials credentials) {
        this(credentials, ScramSha256Mechanism::randomNonce);
    }

    /** With the server nonces given, for tests: each must be printable ASCII without a comma. */
    ScramSha256Mechanism(SaslCredentials credentials, Supplier<String> serverNonces) {
        this.credentials = credentials;
        this.serverNonces = serverNonces;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<SaslStep> respond(byte[] clientResponse) {
        State current = state;
        if (current == State.LOOKUP) {
            throw new IllegalStateException("respond called before the previous step completed");
        }
        if (current == State.START && clientResponse == null) {
            state = State.CLIENT_FIRST;
            return CompletableFuture.completedFuture(new Challenge(new byte[0]));
        }
        try {
            return switch (current) {
                case START, CLIENT_FIRST -> clientFirst(clientResponse);
                case CLIENT_FINAL -> CompletableFuture.completedFuture(clientFinal(clientResponse));
                case ACKNOWLEDGE -> CompletableFuture.completedFuture(acknowledge(clientResponse));
                default -> throw SaslRejection.malformed("the exchange is over");
            };
        } catch (SaslRejection e) {
            return CompletableFuture.completedFuture(end(e.failure()));
        }
    }

    private CompletionStage<SaslStep> clientFirst(byte[] response) throws SaslRejection {
        ClientFirst first = ScramMessages.clientFirst(SaslInput.text(response));
        String name = SaslInput.user(first.username());
        if (first.authzid() != null && !SaslInput.user(first.authzid()).equalsIgnoreCase(name)) {
            throw new SaslRejection(Reason.CREDENTIALS, "proxy authorization is not supported");
        }
        clientFirst = first;
        state = State.LOOKUP;
        return CredentialQuestions.ask(() -> credentials.scramCredentials(name), verdict -> serverFirst(name, verdict))
                .thenApply(step -> step instanceof Challenge ? step : end(step));
    }

    private SaslStep serverFirst(String name, AuthVerdict verdict) {
        if (verdict instanceof AuthVerdict.Scram scram) {
            ScramCredentials stored = scram.credentials();
            if (stored == null || stored.iterations() < 1 || stored.salt().length == 0
                    || stored.storedKey().length != KEY_OCTETS || stored.serverKey().length != KEY_OCTETS) {
                return CredentialQuestions.temporary("unusable SCRAM credentials");
            }
            user = CredentialQuestions.canonical(scram.user());
            keys = stored;
            decoy = false;
        } else if (verdict instanceof AuthVerdict.Denied) {
            user = name;
            keys = DecoyScramCredentials.forUser(name);
            decoy = true;
        } else {
            return CredentialQuestions.unexpected(verdict);
        }
        nonce = clientFirst.clientNonce() + serverNonces.get();
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(keys.salt()) + ",i=" + keys.iterations();
        state = State.CLIENT_FINAL;
        return new Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    private SaslStep clientFinal(byte[] response) throws SaslRejection {
        ClientFinal last = ScramMessages.clientFinal(SaslInput.text(response));
        if (!MessageDigest.isEqual(last.channelBinding(), clientFirst.gs2Header().getBytes(StandardCharsets.UTF_8))) {
            throw new SaslRejection(Reason.CREDENTIALS, "channel binding does not match the GS2 header");
        }
        if (!last.nonce().equals(nonce)) {
            throw new SaslRejection(Reason.CREDENTIALS, "nonce does not match");
        }
        byte[] authMessage = (clientFirst.bare() + "," + serverFirst + "," + last.withoutProof())
                .getBytes(StandardCharsets.UTF_8);
        byte[] storedKey = keys.storedKey();
        byte[] clientKey = ScramCrypto.hmac(storedKey, authMessage);
        byte[] proof = last.proof();
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] ^= proof[i];
        }
        // the decoy is checked after the same work, so that its answer takes as long as a wrong password's
        boolean valid = MessageDigest.isEqual(ScramCrypto.sha256(clientKey), storedKey);
        if (!valid || decoy) {
            throw new SaslRejection(Reason.CREDENTIALS, "invalid proof");
        }
        byte[] signature = ScramCrypto.hmac(keys.serverKey(), authMessage);
        state = State.ACKNOWLEDGE;
        return new Challenge(("v=" + Base64.getEncoder().encodeToString(signature)).getBytes(StandardCharsets.UTF_8));
    }

    private SaslStep acknowledge(byte[] response) throws SaslRejection {
        if (response == null || response.length != 0) {
            throw SaslRejection.malformed("expected an empty response to the server-final message");
        }
        return end(new Success(user, null));
    }

    private SaslStep end(SaslStep step) {
        state = State.DONE;
        return step;
    }

    private static String randomNonce() {
        byte[] octets = new byte[NONCE_OCTETS];
        RANDOM.nextBytes(octets);
        return Base64.getEncoder().encodeToString(octets);
    }
}
