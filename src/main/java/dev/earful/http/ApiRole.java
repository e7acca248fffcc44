package dev.earful.http;

import io.javalin.security.RouteRole;

/** What an API key must be allowed to do to call a route. */
public enum ApiRole implements RouteRole {
  READ,
  WRITE
}
