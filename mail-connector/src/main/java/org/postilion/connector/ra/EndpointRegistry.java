package org.postilion.connector.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The active endpoints, one factory per listener interface, and the calls made through them. Each call takes
 * an endpoint from its factory and releases it afterwards; the container supplies the bean instance, its
 * transaction and its class loader.
 */
public final class EndpointRegistry {

    private static final Logger LOG = Logger.getLogger(EndpointRegistry.class.getName());

    private final List<Class<?>> listenerTypes;
    private final Map<Class<?>, MessageEndpointFactory> factories = new ConcurrentHashMap<>();

    public EndpointRegistry(List<Class<?>> listenerTypes) {
        this.listenerTypes = List.copyOf(listenerTypes);
    }

    /** Registers a factory under the listener interface its bean implements. */
    public void activate(MessageEndpointFactory factory) throws ResourceException {
        Class<?> type = listenerTypeOf(factory);
        MessageEndpointFactory previous = factories.put(type, factory);
        if (previous != null && previous != factory) {
            LOG.warning(() -> "a second endpoint for " + type.getSimpleName() + " replaces the first: "
                    + factory.getEndpointClass().getName());
        }
        LOG.info(() -> factory.getEndpointClass().getSimpleName() + " answers " + type.getSimpleName());
    }

    public void deactivate(MessageEndpointFactory factory) {
        factories.entrySet().removeIf(e -> e.getValue() == factory);
    }

    public void clear() {
        factories.clear();
    }

    public boolean isActive(Class<?> type) {
        return factories.containsKey(type);
    }

    /**
     * Calls one endpoint of the given type.
     *
     * @throws EndpointUnavailableException when no endpoint of that type is active or it cannot be created
     */
    public <L, R> R call(Class<L> type, Function<L, R> call) {
        MessageEndpointFactory factory = factories.get(type);
        if (factory == null) {
            throw new EndpointUnavailableException("no active endpoint for " + type.getSimpleName(), null);
        }
        MessageEndpoint endpoint;
        try {
            endpoint = factory.createEndpoint(null);
        } catch (UnavailableException e) {
            throw new EndpointUnavailableException("endpoint for " + type.getSimpleName() + " unavailable", e);
        }
        try {
            return call.apply(type.cast(endpoint));
        } finally {
            endpoint.release();
        }
    }

    private Class<?> listenerTypeOf(MessageEndpointFactory factory) throws ResourceException {
        Class<?> bean = factory.getEndpointClass();
        for (Class<?> type : listenerTypes) {
            if (bean != null && type.isAssignableFrom(bean)) {
                return type;
            }
        }
        throw new jakarta.resource.NotSupportedException("endpoint " + factory.getActivationName()
                + " implements none of " + listenerTypes);
    }

    /** No endpoint can answer now; the protocols answer such failures as temporary. */
    public static final class EndpointUnavailableException extends RuntimeException {
        EndpointUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
