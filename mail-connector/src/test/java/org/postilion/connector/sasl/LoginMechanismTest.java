package org.postilion.connector.sasl;

import org.junit.jupiter.api.Test;
import org.postilion.connector.sasl.SaslStep.Failure.Reason;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.postilion.connector.sasl.SaslSteps.await;
import static org.postilion.connector.sasl.SaslSteps.challenge;
import static org.postilion.connector.sasl.SaslSteps.failure;
import static org.postilion.connector.sasl.SaslSteps.success;
import static org.postilion.connector.sasl.SaslSteps.utf8;

/** LOGIN (draft-murchison-sasl-login): with and without initial response, wrong and malformed answers. */
class LoginMechanismTest {

    private final FakeSaslCredentials credentials = new FakeSaslCredentials().withPassword("tim", "tanstaaf");
    private final SaslMechanism login = SaslMechanisms.create("login", credentials).orElseThrow();

    @Test
    void asksForTheUserNameAndThenThePasswordWithoutInitialResponse() {
        assertEquals("Username:", challenge(await(login.respond(null))));
        assertEquals("Password:", challenge(await(login.respond(utf8("tim")))));
        assertEquals("tim", success(await(login.respond(utf8("tanstaaf")))).user());

        assertEquals(List.of("verifyPassword tim tanstaaf"), credentials.questions);
    }

    @Test
    void takesTheInitialResponseAsTheUserName() {
        assertEquals("Password:", challenge(await(login.respond(utf8("tim")))));
        assertEquals("tim", success(await(login.respond(utf8("tanstaaf")))).user());
    }

    @Test
    void refusesAWrongPassword() {
        challenge(await(login.respond(utf8("tim"))));

        failure(Reason.CREDENTIALS, await(login.respond(utf8("tanstaafl"))));
    }

    @Test
    void refusesAnEmptyInitialResponseAsAnEmptyUserName() {
        failure(Reason.MALFORMED, await(login.respond(new byte[0])));
    }

    @Test
    void refusesAnEmptyUserNameWithoutAskingForThePassword() {
        challenge(await(login.respond(null)));

        failure(Reason.MALFORMED, await(login.respond(new byte[0])));
        assertTrue(credentials.questions.isEmpty());
    }

    @Test
    void refusesAnEmptyPassword() {
        challenge(await(login.respond(utf8("tim"))));

        failure(Reason.MALFORMED, await(login.respond(new byte[0])));
        assertTrue(credentials.questions.isEmpty());
    }

    @Test
    void refusesAUserNameHoldingANul() {
        failure(Reason.MALFORMED, await(login.respond(utf8("tim\0tanstaaf"))));
    }

    @Test
    void refusesAUserNameThatIsNotUtf8() {
        failure(Reason.MALFORMED, await(login.respond(new byte[] {'t', (byte) 0xE9, 'm'})));
    }

    @Test
    void refusesAUserNameLongerThan255Characters() {
        failure(Reason.MALFORMED, await(login.respond(utf8("u".repeat(256)))));
    }

    @Test
    void refusesAPasswordLongerThan1024Characters() {
        challenge(await(login.respond(utf8("tim"))));

        failure(Reason.MALFORMED, await(login.respond(utf8("p".repeat(1025)))));
    }

    @Test
    void answersTryLaterAsATemporaryFailure() {
        credentials.tryingLater();
        challenge(await(login.respond(utf8("tim"))));

        failure(Reason.TEMPORARY, await(login.respond(utf8("tanstaaf"))));
    }

    @Test
    void refusesAResponseAfterTheExchangeEnded() {
        challenge(await(login.respond(utf8("tim"))));
        success(await(login.respond(utf8("tanstaaf"))));

        failure(Reason.MALFORMED, await(login.respond(utf8("tim"))));
        failure(Reason.MALFORMED, await(login.respond(null)));
    }
}
