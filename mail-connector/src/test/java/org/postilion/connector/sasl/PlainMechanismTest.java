package org.postilion.connector.sasl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.connector.sasl.SaslStep.Failure;
import org.postilion.connector.sasl.SaslStep.Failure.Reason;
import org.postilion.connector.sasl.SaslStep.Success;
import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.ScramCredentials;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.postilion.connector.sasl.SaslSteps.await;
import static org.postilion.connector.sasl.SaslSteps.challenge;
import static org.postilion.connector.sasl.SaslSteps.failure;
import static org.postilion.connector.sasl.SaslSteps.success;
import static org.postilion.connector.sasl.SaslSteps.utf8;

/** PLAIN (RFC 4616): its examples, wrong passwords, proxy authorization and malformed messages. */
class PlainMechanismTest {

    private final FakeSaslCredentials credentials = new FakeSaslCredentials()
            .withPassword("tim", "tanstaaftanstaaf")
            .withPassword("Kurt", "xipj3plmq");

    private SaslMechanism plain() {
        return SaslMechanisms.create("PLAIN", credentials).orElseThrow();
    }

    private SaslStep plain(byte[] message) {
        return await(plain().respond(message));
    }

    @Test
    void authenticatesTheFirstExampleOfRfc4616() {
        Success success = success(plain(utf8("\0tim\0tanstaaftanstaaf")));

        assertEquals("tim", success.user());
        assertNull(success.serverFinal());
        assertEquals(List.of("verifyPassword tim tanstaaftanstaaf"), credentials.questions);
    }

    @Test
    void refusesTheProxyAuthorizationOfTheSecondExampleOfRfc4616WithoutCheckingThePassword() {
        failure(Reason.CREDENTIALS, plain(utf8("Ursel\0Kurt\0xipj3plmq")));

        assertTrue(credentials.questions.isEmpty());
    }

    @Test
    void acceptsAnAuthzidThatIsTheUserInAnotherCase() {
        assertEquals("tim", success(plain(utf8("TIM\0tim\0tanstaaftanstaaf"))).user());
    }

    @Test
    void answersWithTheCanonicalNameOfTheCredentialSource() {
        assertEquals("kurt", success(plain(utf8("\0KURT\0xipj3plmq"))).user());
    }

    @Test
    void refusesAWrongPassword() {
        failure(Reason.CREDENTIALS, plain(utf8("\0tim\0tanstaaf")));
    }

    @Test
    void refusesAnUnknownUserWithTheSameFailureAsAWrongPassword() {
        Failure wrong = failure(Reason.CREDENTIALS, plain(utf8("\0tim\0tanstaaf")));
        Failure unknown = failure(Reason.CREDENTIALS, plain(utf8("\0tom\0tanstaaftanstaaf")));

        assertEquals(wrong, unknown);
    }

    @Test
    void sendsAnEmptyChallengeWhenTheClientSentNoInitialResponse() {
        SaslMechanism plain = plain();

        assertEquals("", challenge(await(plain.respond(null))));
        assertEquals("tim", success(await(plain.respond(utf8("\0tim\0tanstaaftanstaaf")))).user());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "tim", "tim\0tanstaaftanstaaf", "\0tim\0tan\0staaf", "\0tim\0", "\0\0tanstaaftanstaaf", "\0\0", "\0\0\0",
        "\0tim\0tanstaaf\u0007", "\0ti\u0085m\0tanstaaftanstaaf", "\0tim\0\u00AD", "tim\u0001\0tim\0tanstaaftanstaaf",
        "\0\u0627tim\0tanstaaftanstaaf"
    })
    void refusesAMalformedMessageWithoutCheckingThePassword(String message) {
        failure(Reason.MALFORMED, plain(utf8(message)));

        assertTrue(credentials.questions.isEmpty());
    }

    @Test
    void refusesAMessageOf5000Octets() {
        failure(Reason.MALFORMED, plain(utf8("\0tim\0" + "x".repeat(4995))));
    }

    @Test
    void refusesAMessageOneOctetOverTheLimit() {
        failure(Reason.MALFORMED, plain(new byte[SaslMechanisms.MAX_RESPONSE_OCTETS + 1]));
    }

    @Test
    void acceptsAUserOf255AndAPasswordOf1024CharactersButNotMore() {
        String user = "u".repeat(255);
        String password = "€".repeat(1024);
        credentials.withPassword(user, password);

        assertEquals(user, success(plain(utf8("\0" + user + "\0" + password))).user());
        failure(Reason.MALFORMED, plain(utf8("\0" + user + "u\0" + password)));
        failure(Reason.MALFORMED, plain(utf8("\0" + user + "\0" + password + "€")));
    }

    @Test
    void refusesAMessageThatIsNotUtf8() {
        failure(Reason.MALFORMED, plain(new byte[] {0, 't', 'i', 'm', 0, (byte) 0xFF, (byte) 0xFE}));
    }

    @Test
    void refusesAnOverlongUtf8EncodingOfNul() {
        failure(Reason.MALFORMED, plain(new byte[] {0, 't', 'i', 'm', (byte) 0xC0, (byte) 0x80, 'x', 0, 'p', 'w'}));
    }

    @Test
    void preparesUserAndPasswordWithSaslprepBeforeAskingForThem() {
        credentials.withPassword("IX", "pass word");

        // U+2168 ROMAN NUMERAL NINE becomes "IX"; the soft hyphen goes, the no-break space becomes a space
        assertEquals("ix", success(plain(utf8("\0\u2168\0pass\u00AD\u00A0word"))).user());
        assertEquals(List.of("verifyPassword IX pass word"), credentials.questions);
    }

    @Test
    void answersTryLaterAsATemporaryFailure() {
        credentials.tryingLater();

        failure(Reason.TEMPORARY, plain(utf8("\0tim\0tanstaaftanstaaf")));
    }

    @Test
    void answersAFailedStageAsATemporaryFailure() {
        credentials.failing();

        failure(Reason.TEMPORARY, plain(utf8("\0tim\0tanstaaftanstaaf")));
    }

    @Test
    void answersAScramVerdictToAPasswordQuestionAsATemporaryFailure() {
        credentials.answering(new AuthVerdict.Scram("tim", new ScramCredentials(4096, new byte[16], new byte[32],
                new byte[32])));

        failure(Reason.TEMPORARY, plain(utf8("\0tim\0tanstaaftanstaaf")));
    }

    @Test
    void answersAnAuthenticatedVerdictWithoutANameAsATemporaryFailure() {
        credentials.answering(new AuthVerdict.Authenticated(null));

        failure(Reason.TEMPORARY, plain(utf8("\0tim\0tanstaaftanstaaf")));
    }

    @Test
    void refusesAResponseAfterSuccess() {
        SaslMechanism plain = plain();
        success(await(plain.respond(utf8("\0tim\0tanstaaftanstaaf"))));

        failure(Reason.MALFORMED, await(plain.respond(utf8("\0tim\0tanstaaftanstaaf"))));
        assertEquals(1, credentials.questions.size());
    }

    @Test
    void refusesAResponseAfterFailure() {
        SaslMechanism plain = plain();
        failure(Reason.CREDENTIALS, await(plain.respond(utf8("\0tim\0wrong"))));

        failure(Reason.MALFORMED, await(plain.respond(utf8("\0tim\0tanstaaftanstaaf"))));
        assertEquals(1, credentials.questions.size());
    }
}
