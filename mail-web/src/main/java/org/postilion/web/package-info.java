/**
 * The web module: the administration API ({@code api}), who may use it ({@code security}), what both answer
 * on failure ({@link org.postilion.web.Problem}), and the web console's static files with their headers
 * ({@code console}).
 */
package org.postilion.web;
