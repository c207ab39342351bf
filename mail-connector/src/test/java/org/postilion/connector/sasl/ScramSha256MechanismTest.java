package org.postilion.connector.sasl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.connector.sasl.SaslStep.Failure;
import org.postilion.connector.sasl.SaslStep.Failure.Reason;
import org.postilion.connector.sasl.SaslStep.Success;
import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.ScramCredentials;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.postilion.connector.sasl.SaslSteps.await;
import static org.postilion.connector.sasl.SaslSteps.challenge;
import static org.postilion.connector.sasl.SaslSteps.failure;
import static org.postilion.connector.sasl.SaslSteps.success;
import static org.postilion.connector.sasl.SaslSteps.utf8;

/** SCRAM-SHA-256 (RFC 5802, RFC 7677): the RFC's exchange, a real client, decoys, and hostile messages. */
class ScramSha256MechanismTest {

    // RFC 7677 section 3
    private static final byte[] RFC_SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    private static final String RFC_CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String RFC_SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String RFC_CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String RFC_SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String RFC_CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String RFC_SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static final String SERVER_NONCE = "3rfcNHYJY1ZVvWVs7j";
    private static final String ZERO_PROOF = Base64.getEncoder().encodeToString(new byte[32]);

    private final FakeSaslCredentials credentials = new FakeSaslCredentials()
            .withScram("user", ScramTestClient.credentials("pencil", RFC_SALT, 4096));

    private ScramSha256Mechanism rfcServer() {
        return new ScramSha256Mechanism(credentials, () -> RFC_SERVER_NONCE);
    }

    private SaslMechanism server() {
        return SaslMechanisms.create("SCRAM-SHA-256", credentials).orElseThrow();
    }

    /** Runs the exchange for {@code client} up to its client-final message and returns the step that answers it. */
    private static SaslStep runToProof(SaslMechanism server, ScramTestClient client) {
        String serverFirst = challenge(await(server.respond(utf8(client.clientFirst()))));
        return await(server.respond(utf8(client.clientFinal(serverFirst))));
    }

    /** A server that has sent its server-first message, with {@link #SERVER_NONCE} after {@code abc}. */
    private SaslMechanism serverAwaitingClientFinal() {
        ScramSha256Mechanism server = new ScramSha256Mechanism(credentials, () -> SERVER_NONCE);
        challenge(await(server.respond(utf8("n,,n=user,r=abc"))));
        return server;
    }

    @Test
    void reproducesTheExchangeOfRfc7677Section3() {
        ScramSha256Mechanism server = rfcServer();

        assertEquals(RFC_SERVER_FIRST, challenge(await(server.respond(utf8(RFC_CLIENT_FIRST)))));
        assertEquals(RFC_SERVER_FINAL, challenge(await(server.respond(utf8(RFC_CLIENT_FINAL)))));
        Success success = success(await(server.respond(new byte[0])));

        assertEquals("user", success.user());
        assertNull(success.serverFinal());
        assertEquals(List.of("scramCredentials user"), credentials.questions);
    }

    @Test
    void testClientComputesTheClientFinalMessageOfRfc7677Section3() {
        ScramTestClient client = new ScramTestClient("n,,", "user", "pencil", RFC_CLIENT_NONCE);

        assertEquals(RFC_CLIENT_FIRST, client.clientFirst());
        assertEquals(RFC_CLIENT_FINAL, client.clientFinal(RFC_SERVER_FIRST));
        assertTrue(client.acceptsServerFinal(RFC_SERVER_FINAL));
    }

    @Test
    void authenticatesAClientAgainstARandomServerNonce() {
        SaslMechanism server = server();
        ScramTestClient client = new ScramTestClient("user", "pencil");

        String serverFirst = challenge(await(server.respond(utf8(client.clientFirst()))));
        String serverFinal = challenge(await(server.respond(utf8(client.clientFinal(serverFirst)))));
        SaslStep last = await(server.respond(new byte[0]));

        assertTrue(client.acceptsServerFinal(serverFinal));
        assertEquals("user", success(last).user());
    }

    @Test
    void givesEachExchangeAServerNonceOfAtLeast18RandomOctets() {
        String first = challenge(await(server().respond(utf8("n,,n=user,r=abc"))));
        String second = challenge(await(server().respond(utf8("n,,n=user,r=abc"))));

        String nonce = first.substring("r=abc".length(), first.indexOf(','));
        assertTrue(Base64.getDecoder().decode(nonce).length >= 18);
        assertNotEquals(first, second);
    }

    @Test
    void sendsAnEmptyChallengeWhenTheClientSentNoInitialResponse() {
        ScramSha256Mechanism server = rfcServer();

        assertEquals("", challenge(await(server.respond(null))));
        assertEquals(RFC_SERVER_FIRST, challenge(await(server.respond(utf8(RFC_CLIENT_FIRST)))));
    }

    @Test
    void refusesAnEmptyInitialResponseAsMalformed() {
        failure(Reason.MALFORMED, await(server().respond(new byte[0])));
    }

    @Test
    void refusesAWrongPasswordAtTheProof() {
        failure(Reason.CREDENTIALS, runToProof(server(), new ScramTestClient("user", "pencil2")));
    }

    @Test
    void givesAnUnknownUserAWellFormedServerFirstMessageAndFailsItAtTheProofLikeAWrongPassword() {
        ScramTestClient client = new ScramTestClient("n,,", "nobody", "pencil", "abc");
        SaslMechanism server = server();

        String serverFirst = challenge(await(server.respond(utf8(client.clientFirst()))));
        assertTrue(serverFirst.matches("r=abc[!-+\\--~]{24,},s=[A-Za-z0-9+/]+={0,2},i=" + DecoyScramCredentials.ITERATIONS), serverFirst);
        assertEquals(16, Base64.getDecoder().decode(serverFirst.split(",")[1].substring(2)).length);
        Failure unknown = failure(Reason.CREDENTIALS, await(server.respond(utf8(client.clientFinal(serverFirst)))));
        Failure wrong = failure(Reason.CREDENTIALS, runToProof(server(), new ScramTestClient("user", "pencil2")));

        assertEquals(wrong.detail(), unknown.detail());
    }

    @Test
    void givesAnUnknownUserTheSameDecoySaltEveryTimeInAnyCase() {
        String first = salt(challenge(await(server().respond(utf8("n,,n=nobody@example.org,r=abc")))));
        String second = salt(challenge(await(server().respond(utf8("n,,n=nobody@example.org,r=xyz")))));
        String upper = salt(challenge(await(server().respond(utf8("n,,n=NOBODY@example.org,r=abc")))));
        String other = salt(challenge(await(server().respond(utf8("n,,n=somebody@example.org,r=abc")))));

        assertEquals(first, second);
        assertEquals(first, upper);
        assertNotEquals(first, other);
    }

    private static String salt(String serverFirst) {
        return serverFirst.split(",")[1];
    }

    @Test
    void refusesChannelBindingAsUnsupportedWithoutAskingForCredentials() {
        Failure failure = failure(Reason.UNSUPPORTED,
                await(server().respond(utf8("p=tls-unique,,n=user,r=rOprNGfwEbeRWgbNEkqO"))));

        assertEquals("channel-bindings-not-supported", failure.detail());
        assertTrue(credentials.questions.isEmpty());
    }

    @Test
    void refusesAMandatoryExtensionAsUnsupported() {
        failure(Reason.UNSUPPORTED, await(server().respond(utf8("n,,m=ext,n=user,r=abc"))));
    }

    @Test
    void acceptsAClientThatCouldBindChannelsSinceNoPlusVariantIsOffered() {
        SaslMechanism server = server();
        ScramTestClient client = new ScramTestClient("y,,", "user", "pencil", "abc");

        String serverFinal = challenge(runToProof(server, client));

        assertTrue(client.acceptsServerFinal(serverFinal));
        assertEquals("user", success(await(server.respond(new byte[0]))).user());
    }

    @Test
    void acceptsAnAuthzidThatIsTheUserInAnotherCase() {
        SaslMechanism server = server();
        ScramTestClient client = new ScramTestClient("n,a=USER,", "user", "pencil", "abc");

        challenge(runToProof(server, client));

        assertEquals("user", success(await(server.respond(new byte[0]))).user());
    }

    @Test
    void refusesAnAuthzidOtherThanTheUserWithoutAskingForCredentials() {
        failure(Reason.CREDENTIALS, await(server().respond(utf8("n,a=admin,n=user,r=abc"))));

        assertTrue(credentials.questions.isEmpty());
    }

    @Test
    void decodesEscapedCommasAndEqualsSignsInTheUserName() {
        challenge(await(server().respond(utf8("n,,n=a=2Cb=3Dc=2cd,r=abc"))));

        assertEquals(List.of("scramCredentials a,b=c,d"), credentials.questions);
    }

    @Test
    void authenticatesAUserWhoseNameNeedsEscaping() {
        credentials.withScram("a,b=c", ScramTestClient.credentials("secret"));
        SaslMechanism server = server();
        ScramTestClient client = new ScramTestClient("a,b=c", "secret");

        assertTrue(client.acceptsServerFinal(challenge(runToProof(server, client))));
        assertEquals("a,b=c", success(await(server.respond(new byte[0]))).user());
    }

    @Test
    void refusesATamperedNonce() {
        SaslMechanism server = server();
        ScramTestClient client = new ScramTestClient("n,,", "user", "pencil", "abc");
        String serverFirst = challenge(await(server.respond(utf8(client.clientFirst()))));
        String nonce = serverFirst.substring(2, serverFirst.indexOf(','));

        failure(Reason.CREDENTIALS, await(server.respond(utf8(client.clientFinal(serverFirst, nonce + "x")))));
    }

    @Test
    void refusesAChannelBindingAttributeThatIsNotTheHeaderSent() {
        SaslMechanism server = serverAwaitingClientFinal();

        // the client-first message began "n,,", so c= must be "biws"; "eSws" is "y,,"
        failure(Reason.CREDENTIALS, await(server.respond(utf8("c=eSws,r=abc" + SERVER_NONCE + ",p=" + ZERO_PROOF))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "n", "n,", "n,,", "x,,n=user,r=abc", "N,,n=user,r=abc", "p=,,n=user,r=abc", "p=tls unique,,n=user,r=abc",
        "n,b=user,n=user,r=abc", "n,a=,n=user,r=abc", "n,,n=user", "n,,r=abc", "n,,r=abc,n=user", "n,,N=user,r=abc",
        "n,,n=,r=abc", "n,,n=user,r=", "n,,n=us=2Xer,r=abc", "n,,n=user=,r=abc", "n,,n=user,r=ab cd",
        "n,,n=user,r=abc\u007f", "n,,n=user,r=abcé", "n,,n=user,r=abc,", "n,,n=user,r=abc,x", "n,,n=user,r=abc,1=x",
        "n,,n=user,r=abc,x=", "n,,n=user,,r=abc", "n,,n=us\0er,r=abc", "n,,n=us\u0007er,r=abc", " n,,n=user,r=abc"
    })
    void refusesAMalformedClientFirstMessageWithoutAskingForCredentials(String message) {
        failure(Reason.MALFORMED, await(server().respond(utf8(message))));

        assertTrue(credentials.questions.isEmpty());
    }

    @Test
    void acceptsExtensionsAfterTheNonce() {
        challenge(await(server().respond(utf8("n,,n=user,r=abc,x=anything=goes;here"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "c=biws", "c=biws,r=NONCE", "c=biws,r=NONCE,p=", "r=NONCE,c=biws,p=PROOF", "c=biws,p=PROOF,r=NONCE",
        "c=biws,r=NONCE,p=PROOF,x=y", "c=bi!ws,r=NONCE,p=PROOF", "c=,r=NONCE,p=PROOF", "c=biws,r=NONCE,p=c2hvcnQ=",
        "c=biws,r=NONCE,1=x,p=PROOF", "c=biws,r=NONCE,,p=PROOF", "c=biws,r=NONCE,p=PROOF,", "c=biws,r=NONCE\0,p=PROOF"
    })
    void refusesAMalformedClientFinalMessage(String message) {
        SaslMechanism server = serverAwaitingClientFinal();

        String response = message.replace("NONCE", "abc" + SERVER_NONCE).replace("PROOF", ZERO_PROOF);
        failure(Reason.MALFORMED, await(server.respond(utf8(response))));
    }

    @Test
    void refusesAClientMessageLongerThan4096Octets() {
        String atLimit = "n,,n=user,r=" + "a".repeat(4096 - "n,,n=user,r=".length());
        String overLimit = atLimit + "a";

        challenge(await(server().respond(utf8(atLimit))));
        failure(Reason.MALFORMED, await(server().respond(utf8(overLimit))));
    }

    @Test
    void refusesAClientMessageThatIsNotUtf8() {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(utf8("n,,n=us"));
        message.writeBytes(new byte[] {(byte) 0xC3, 0x28});
        message.writeBytes(utf8("er,r=abc"));

        failure(Reason.MALFORMED, await(server().respond(message.toByteArray())));
    }

    @Test
    void refusesAnOverlongUtf8EncodingOfAComma() {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(utf8("n,,n=us"));
        message.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAC});
        message.writeBytes(utf8("er,r=abc"));

        failure(Reason.MALFORMED, await(server().respond(message.toByteArray())));
    }

    @Test
    void refusesAnythingButAnEmptyAnswerToTheServerFinalMessage() {
        ScramSha256Mechanism server = rfcServer();
        challenge(await(server.respond(utf8(RFC_CLIENT_FIRST))));
        challenge(await(server.respond(utf8(RFC_CLIENT_FINAL))));

        failure(Reason.MALFORMED, await(server.respond(utf8("v=ok"))));
    }

    @Test
    void refusesAResponseAfterSuccess() {
        ScramSha256Mechanism server = rfcServer();
        challenge(await(server.respond(utf8(RFC_CLIENT_FIRST))));
        challenge(await(server.respond(utf8(RFC_CLIENT_FINAL))));
        success(await(server.respond(new byte[0])));

        failure(Reason.MALFORMED, await(server.respond(new byte[0])));
        failure(Reason.MALFORMED, await(server.respond(utf8(RFC_CLIENT_FIRST))));
    }

    @Test
    void refusesAResponseAfterFailure() {
        SaslMechanism server = server();
        ScramTestClient client = new ScramTestClient("user", "wrong");
        failure(Reason.CREDENTIALS, runToProof(server, client));

        failure(Reason.MALFORMED, await(server.respond(new byte[0])));
    }

    @Test
    void answersTryLaterAsATemporaryFailure() {
        credentials.tryingLater();

        failure(Reason.TEMPORARY, await(server().respond(utf8(RFC_CLIENT_FIRST))));
    }

    @Test
    void answersAFailedStageAsATemporaryFailure() {
        credentials.failing();

        failure(Reason.TEMPORARY, await(server().respond(utf8(RFC_CLIENT_FIRST))));
    }

    @Test
    void answersACredentialSourceThatThrowsAsATemporaryFailure() {
        credentials.answering(() -> {
            throw new IllegalStateException("no EJB");
        });

        failure(Reason.TEMPORARY, await(server().respond(utf8(RFC_CLIENT_FIRST))));
    }

    @Test
    void answersNoStageOrNoVerdictAsATemporaryFailure() {
        credentials.answering(() -> null);
        failure(Reason.TEMPORARY, await(server().respond(utf8(RFC_CLIENT_FIRST))));

        credentials.answering((AuthVerdict) null);
        failure(Reason.TEMPORARY, await(server().respond(utf8(RFC_CLIENT_FIRST))));
    }

    @Test
    void answersAPasswordVerdictToAScramQuestionAsATemporaryFailure() {
        credentials.answering(new AuthVerdict.Authenticated("user"));

        failure(Reason.TEMPORARY, await(server().respond(utf8(RFC_CLIENT_FIRST))));
    }

    @Test
    void answersUnusableStoredKeysAsATemporaryFailure() {
        credentials.answering(new AuthVerdict.Scram("user",
                new ScramCredentials(4096, RFC_SALT, new byte[20], new byte[32])));

        failure(Reason.TEMPORARY, await(server().respond(utf8(RFC_CLIENT_FIRST))));
    }

    @Test
    void refusesAResponseAfterATemporaryFailure() {
        credentials.tryingLater();
        SaslMechanism server = server();
        failure(Reason.TEMPORARY, await(server.respond(utf8(RFC_CLIENT_FIRST))));

        failure(Reason.MALFORMED, await(server.respond(utf8(RFC_CLIENT_FINAL))));
    }

    @Test
    void waitsForCredentialsThatArriveOnAnotherThread() throws InterruptedException {
        CompletableFuture<AuthVerdict> later = new CompletableFuture<>();
        credentials.answering(() -> later);
        ScramSha256Mechanism server = rfcServer();

        CompletionStage<SaslStep> step = server.respond(utf8(RFC_CLIENT_FIRST));
        assertFalse(step.toCompletableFuture().isDone());
        assertThrows(IllegalStateException.class, () -> server.respond(utf8(RFC_CLIENT_FINAL)));
        Thread ejb = new Thread(() -> later.complete(new AuthVerdict.Scram("user",
                ScramTestClient.credentials("pencil", RFC_SALT, 4096))));
        ejb.start();
        ejb.join();

        assertEquals(RFC_SERVER_FIRST, challenge(await(step)));
        assertEquals(RFC_SERVER_FINAL, challenge(await(server.respond(utf8(RFC_CLIENT_FINAL)))));
    }

    @Test
    void neverThrowsNorSucceedsOnRandomOrMutatedInput() {
        Random random = new Random(4954);
        byte[] clientFirst = utf8(RFC_CLIENT_FIRST);
        byte[] clientFinal = utf8(RFC_CLIENT_FINAL);
        for (int i = 0; i < 3000; i++) {
            ScramSha256Mechanism server = rfcServer();
            byte[] first = i % 3 == 0 ? mutate(clientFirst, random) : clientFirst;
            SaslStep step = await(server.respond(i % 3 == 2 ? noise(random) : first));
            if (step instanceof Failure) {
                continue;
            }
            challenge(step);
            byte[] last = i % 2 == 0 ? mutate(clientFinal, random) : noise(random);
            SaslStep answer = await(server.respond(last));
            if (!(answer instanceof Failure)) {
                // a mutation can leave the message valid (say, a flipped bit in an ignored place): never a success
                assertEquals(RFC_SERVER_FINAL, challenge(answer));
            }
            assertInstanceOf(Failure.class, await(server.respond(noise(random))));
        }
    }

    private static byte[] mutate(byte[] message, Random random) {
        byte[] mutated = message.clone();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
        }
        return mutated;
    }

    private static byte[] noise(Random random) {
        byte[] noise = new byte[1 + random.nextInt(80)];
        random.nextBytes(noise);
        return noise;
    }
}
