package org.postilion.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The administration API's root. */
@ApplicationPath("/api")
public class AdminApi extends Application {
}
