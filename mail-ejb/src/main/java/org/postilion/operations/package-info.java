/**
 * What operators watch: the mail metrics ({@link org.postilion.operations.MailMetrics}, Prometheus's text format at
 * {@code /api/metrics}), the readiness checks ({@link org.postilion.operations.HealthChecks}: listeners, database,
 * mail queues; {@code /api/health}) and the mail queues' depths ({@link org.postilion.operations.QueueDepths}, read
 * from the broker's JMX beans, which {@code config/configure-observability.cli} switches on).
 */
package org.postilion.operations;
