/**
 * The follow-up queue: rules that say which new responses someone should act on (recover a
 * detractor, ask a promoter for a reference), the follow-ups with status, assignee, notes, due date
 * and history, kept durable in a journal beside the index. Imports domain, search (rules select
 * responses with the read API's filters), store (the journal) and Jackson's tree model.
 */
package dev.earful.followup;
