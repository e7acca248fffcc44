/**
 * Developer commands run by {@code ./earful-dev}: benchmarks ({@code bench-*}), evaluations ({@code
 * discover-eval}, {@code evaluate-sentiment}) and training the shipped sentiment model ({@code
 * train-sentiment}). They live in the {@code src/dev/java} source set, compiled with the tests and
 * left out of the product jar. Imports anything of the product and {@code fixtures}; nothing
 * imports it.
 */
package dev.earful.devtools;
