/**
 * The web module: the administration API ({@code api}), who may use it ({@code security}), and what both answer
 * on failure ({@link org.postilion.web.Problem}).
 */
package org.postilion.web;
