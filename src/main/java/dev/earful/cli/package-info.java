/** The picocli commands of the runnable jar. Imports anything; nothing imports it. */
package dev.earful.cli;
