/**
 * One handler per SMTP verb, listed in {@link org.postilion.connector.smtp.command.SmtpCommands}.
 * Each follows the same order: syntax, then state, then policy, then the change of session state.
 */
package org.postilion.connector.smtp.command;
