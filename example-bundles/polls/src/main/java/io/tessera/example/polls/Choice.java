package io.tessera.example.polls;

import io.tessera.core.AppModel;
import io.tessera.core.ModelRef;

/** One answer to a question, with its votes. */
@AppModel
public record Choice(long id, @ModelRef("polls.Question") long question, String choiceText, int votes) {
}
