/**
 * {@code AppConfig}: every setting with its default and description, read from flags and {@code
 * EARFUL_*} environment variables and validated at start-up. Imports the JDK only.
 */
package dev.earful.config;
