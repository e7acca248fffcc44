/**
 * The HTTP API: {@code HttpApi} builds Javalin from injected controllers, with API-key
 * authentication, the request body limit and the {@code application/problem+json} mapping installed
 * once; controllers ({@code Controller}) only declare routes and turn requests into calls on the
 * core services. The JSON shapes of PRODUCT.md live in {@code Views} (the CLI prints the same
 * shapes with them). Imports anything below it; only the composition root and the CLI import it.
 */
package dev.earful.http;
