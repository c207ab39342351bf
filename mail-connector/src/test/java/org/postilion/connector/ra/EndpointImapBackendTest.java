package org.postilion.connector.ra;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.junit.jupiter.api.Test;
import org.postilion.connector.imap.transcript.FakeImapStore;
import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.AuthenticationListener;
import org.postilion.connector.spi.imap.ImapStoreListener;
import org.postilion.connector.spi.imap.MailboxException;

import javax.transaction.xa.XAResource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IMAP backend in the resource adapter: calls go through an endpoint taken from the registry and released
 * after, store refusals pass through as they are, everything else fails the stage, and without endpoints the
 * backend says it is unavailable.
 */
class EndpointImapBackendTest {

    private final AtomicInteger released = new AtomicInteger();

    /** An endpoint factory whose endpoints delegate to {@code target}, as the container's proxies do. */
    private MessageEndpointFactory factory(Class<?> beanClass, Class<?> listener, Object target) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == MessageEndpoint.class) {
                if (method.getName().equals("release")) {
                    released.incrementAndGet();
                }
                return null;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        Object endpoint = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {listener,
                MessageEndpoint.class}, handler);
        return new MessageEndpointFactory() {
            @Override
            public MessageEndpoint createEndpoint(XAResource xa) {
                return (MessageEndpoint) endpoint;
            }

            @Override
            public MessageEndpoint createEndpoint(XAResource xa, long timeout) {
                return (MessageEndpoint) endpoint;
            }

            @Override
            public boolean isDeliveryTransacted(Method method) {
                return false;
            }

            @Override
            public String getActivationName() {
                return beanClass.getSimpleName();
            }

            @Override
            public Class<?> getEndpointClass() {
                return beanClass;
            }
        };
    }

    private static final Executor DIRECT = Runnable::run;

    private EndpointRegistry registry() {
        return new EndpointRegistry(List.of(AuthenticationListener.class, ImapStoreListener.class));
    }

    @Test
    void callsTheStoreThroughAnEndpointAndReleasesIt() throws Exception {
        EndpointRegistry registry = registry();
        FakeImapStore store = new FakeImapStore();
        store.open("bob@example.com");
        registry.activate(factory(FakeImapStore.class, ImapStoreListener.class, store));
        EndpointImapBackend backend = new EndpointImapBackend(registry, DIRECT);
        assertEquals(6, backend.store(s -> s.list("bob@example.com")).toCompletableFuture().join().size());
        assertEquals(1, released.get());
    }

    @Test
    void passesStoreRefusalsThroughAsThemselves() throws Exception {
        EndpointRegistry registry = registry();
        registry.activate(factory(FakeImapStore.class, ImapStoreListener.class, new FakeImapStore()));
        EndpointImapBackend backend = new EndpointImapBackend(registry, DIRECT);
        CompletionException e = assertThrows(CompletionException.class,
                () -> backend.store(s -> s.select("nobody", "INBOX")).toCompletableFuture().join());
        MailboxException refusal = assertInstanceOf(MailboxException.class, e.getCause());
        assertEquals(MailboxException.Code.NONEXISTENT, refusal.code());
    }

    @Test
    void failsTheStageWhenTheStoreBreaksOrNoEndpointIsActive() throws Exception {
        EndpointRegistry registry = registry();
        EndpointImapBackend backend = new EndpointImapBackend(registry, DIRECT);
        assertFalse(backend.isAvailable());
        assertThrows(CompletionException.class, () -> backend.store(s -> s.quota("bob")).toCompletableFuture().join());
        FakeImapStore broken = new FakeImapStore();
        broken.breakDown(true);
        registry.activate(factory(FakeImapStore.class, ImapStoreListener.class, broken));
        CompletionException e = assertThrows(CompletionException.class,
                () -> backend.store(s -> s.quota("bob")).toCompletableFuture().join());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertFalse(backend.isAvailable(), "authentication is missing still");
    }

    @Test
    void turnsAuthenticationFailuresIntoTryLater() throws Exception {
        EndpointRegistry registry = registry();
        EndpointImapBackend backend = new EndpointImapBackend(registry, DIRECT);
        assertInstanceOf(AuthVerdict.TryLater.class,
                backend.verifyPassword("bob", "pw", null).toCompletableFuture().join());
        AuthenticationListener auth = new AuthenticationListener() {
            @Override
            public AuthVerdict verifyPassword(String user, String password, org.postilion.connector.spi.SessionInfo s) {
                return new AuthVerdict.Authenticated(user);
            }

            @Override
            public AuthVerdict scramCredentials(String user, org.postilion.connector.spi.SessionInfo s) {
                throw new IllegalStateException("directory down");
            }
        };
        registry.activate(factory(auth.getClass(), AuthenticationListener.class, auth));
        registry.activate(factory(FakeImapStore.class, ImapStoreListener.class, new FakeImapStore()));
        assertTrue(backend.isAvailable());
        assertEquals(new AuthVerdict.Authenticated("bob"),
                backend.verifyPassword("bob", "pw", null).toCompletableFuture().join());
        assertInstanceOf(AuthVerdict.TryLater.class, backend.scramCredentials("bob", null).toCompletableFuture().join());
    }
}
